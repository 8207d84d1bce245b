// Adopting meshgov with files written elsewhere: each real ODCS/ODPS file of ../shared/corpus/realworld is put,
// unchanged, into a small mesh of its own (its domain and its owning team described under the names the file
// uses, as meshgov's advice says), and
// `meshgov check` runs over it. Reports, over the files of the chosen groups:
//   - schema verdicts (MG11xx on the file) against the official verdict of the file's declared version;
//   - blocking policy findings per policy, and the median per file;
//   - the other engine diagnostics on the file, by id.
//
//   node tools/realworld-adoption/adopt.mjs --meshgov "dotnet src/MeshGovernance.Cli/bin/Release/net10.0/meshgov.dll"
//        [--corpus ../shared/corpus/realworld] [--groups odcs-v3,odps] [--json out.json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const options = { corpus: '../shared/corpus/realworld', groups: 'odcs-v3,odps', meshgov: '', json: '' };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options) || process.argv[i + 1] === undefined) {
    console.error(`usage: node adopt.mjs --meshgov "COMMAND" [--corpus DIR] [--groups a,b] [--json FILE]; unknown or incomplete '${process.argv[i]}'`);
    process.exit(2);
  }
  options[name] = process.argv[i + 1];
}
if (!options.meshgov) {
  console.error('--meshgov is required: the command that runs meshgov, e.g. "dotnet src/MeshGovernance.Cli/bin/Release/net10.0/meshgov.dll"');
  process.exit(2);
}

const corpus = resolve(options.corpus);
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'));
const official = JSON.parse(readFileSync(join(corpus, 'expected-official.json'), 'utf8'));
const groups = new Set(options.groups.split(','));
const [program, ...programArgs] = options.meshgov.split(' ');
const work = mkdtempSync(join(tmpdir(), 'meshgov-adopt-'));
const cache = join(work, 'cache');

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'adopted';
const write = (root, path, text) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

const results = [];
for (const entry of manifest.filter((e) => groups.has(e.group))) {
  const id = basename(entry.file, '.yaml');
  const text = readFileSync(join(corpus, entry.file), 'utf8');
  // As a team adopting meshgov would: the domain folder and the owning team are described under the names the
  // file uses (read with a regular expression: enough for these files, which write them plainly).
  const domainName = ((/^domain:\s*["']?([^"'#\n]+)/m.exec(text) ?? [])[1] ?? 'adopted').trim();
  const domain = slug(domainName);
  const teamName = ((/^team:[ \t]*\n(?:[ \t]+#.*\n)*[ \t]+name:\s*["']?([^"'#\n]+)/m.exec(text) ?? [])[1] ?? 'Data Team').trim();
  const team = slug(teamName);
  const kind = entry.format === 'odps' ? 'products' : 'contracts';
  const extension = entry.format === 'odps' ? 'odps' : 'odcs';
  const root = join(work, id);
  const relative = `domains/${domain}/${kind}/${id}.${extension}.yaml`;
  write(root, 'mesh.yaml', 'apiVersion: meshgov/v1\nkind: Mesh\nname: adoption\ngovernance:\n  team: governance\n');
  write(root, 'teams/governance.yaml', 'apiVersion: meshgov/v1\nkind: Team\nid: governance\nname: Governance\ncontact:\n  email: governance@example.com\nmembers:\n  - username: gov-lead\n    role: lead\n');
  write(root, `teams/${team}.yaml`, `apiVersion: meshgov/v1\nkind: Team\nid: ${team}\nname: ${JSON.stringify(teamName)}\ngithubTeam: example/${team}\ncontact:\n  email: data@example.com\nmembers:\n  - username: data-lead\n    role: lead\n`);
  write(root, `domains/${domain}/domain.yaml`, `apiVersion: meshgov/v1\nkind: Domain\nid: ${domain}\nname: ${JSON.stringify(domainName)}\ndescription: Adopted as written.\ntype: source-aligned\nowner: ${team}\n`);
  write(root, relative, text);

  let report;
  try {
    const stdout = execFileSync(program, [...programArgs, 'check', '--repo', root, '--format', 'json', '--cache-dir', cache, '--today', '2026-12-06'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    report = JSON.parse(stdout);
  } catch (error) {
    if (error.status === 1 || error.status === 2) {
      report = JSON.parse(error.stdout);
    } else {
      throw new Error(`meshgov failed on ${id} (exit ${error.status}): ${error.stderr}`);
    }
  }

  const onFile = report.findings.filter((f) => f.file === relative);
  const blocking = onFile.filter((f) => f.policy && f.level === 'error' && !f.waived);
  const schemaErrors = onFile.filter((f) => /^MG11/.test(f.id) && f.level === 'error');
  const engine = onFile.filter((f) => !f.policy && !/^MG11/.test(f.id));
  results.push({ id, group: entry.group, version: entry.declaredVersion, officialValid: official[id]?.valid ?? null,
    schemaErrors: schemaErrors.length, blocking: blocking.map((f) => f.policy), engine: engine.map((f) => f.id),
    findings: blocking.map((f) => ({ policy: f.policy, line: f.line, message: f.message })) });
  rmSync(root, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });

const count = (items) => items.reduce((map, item) => map.set(item, (map.get(item) ?? 0) + 1), new Map());
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

console.log(`${results.length} files (groups: ${[...groups].join(', ')})`);
for (const version of [...new Set(results.map((r) => r.version ?? 'none'))].sort()) {
  const these = results.filter((r) => (r.version ?? 'none') === version);
  const agree = these.filter((r) => r.officialValid !== null && (r.schemaErrors === 0) === r.officialValid).length;
  const falseRejects = these.filter((r) => r.officialValid === true && r.schemaErrors > 0).length;
  const falseAccepts = these.filter((r) => r.officialValid === false && r.schemaErrors === 0).length;
  console.log(`  ${version}: ${these.length} files; schema verdict agrees with the official one on ${agree} (rejects ${falseRejects} valid, accepts ${falseAccepts} invalid)`);
}
const perFile = results.map((r) => r.blocking.length);
console.log(`blocking policy findings: ${perFile.reduce((a, b) => a + b, 0)} on ${perFile.filter((n) => n > 0).length} of ${results.length} files; median per file ${median(perFile)}`);
for (const [policy, files] of [...count(results.flatMap((r) => [...new Set(r.blocking)]))].sort((a, b) => b[1] - a[1])) {
  const findings = results.reduce((n, r) => n + r.blocking.filter((p) => p === policy).length, 0);
  console.log(`  ${policy.padEnd(36)} ${String(files).padStart(4)} files, ${String(findings).padStart(5)} findings`);
}
console.log('other diagnostics on the files, by id (files):');
for (const [id, files] of [...count(results.flatMap((r) => [...new Set(r.engine)]))].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${id.padEnd(8)} ${files}`);
}
if (options.json) {
  writeFileSync(options.json, JSON.stringify(results, null, 2));
}
