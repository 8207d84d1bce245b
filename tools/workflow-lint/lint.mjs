// Lints the repository's GitHub Actions files: every workflow under .github/workflows/ and
// mesh-repo-template/.github/workflows/, and action.yml.
//   1. GitHub's own parser (@actions/workflow-parser): schema, contexts allowed where they are used, expressions.
//   2. action-validator (SchemaStore's workflow and action schemas).
//   3. shellcheck over every bash/sh `run:` script, with each ${{ }} replaced by a placeholder; and no ${{ }}
//      in a script at all (values reach scripts through env:).
// Usage: node lint.mjs [FILE...]        lint the given files, or the repository's
//        node lint.mjs --self-test      each fixture under fixtures/ fails or passes as its "# lint-expect:" lines say
import { register } from "node:module";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 18 || (major === 18 && minor < 19)) {
  console.error(`workflow-lint needs Node.js 18.19 or later (module.register); this is ${process.version}.`);
  process.exit(2);
}
register("./json-hooks.mjs", import.meta.url);

const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
const { parseAction } = await import("@actions/workflow-parser/actions/action-parser");
const { convertActionTemplate } = await import("@actions/workflow-parser/actions/action-template");
const actionValidator = await import("@action-validator/core");
const { parseDocument, LineCounter, isMap, isSeq, isScalar, Scalar } = await import("yaml");

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

/** One finding: where, which tool, what. */
function finding(file, line, column, tool, message) {
  return { file, line: line ?? 1, column: column ?? 1, tool, message };
}

function format(f) {
  return `${path.relative(process.cwd(), f.file) || f.file}:${f.line}:${f.column}: [${f.tool}] ${f.message}`;
}

function isActionFile(file) {
  return /(^|[\\/])action\.ya?ml$/.test(file);
}

// ---- 1. GitHub's parser ----

async function parserFindings(file, content) {
  const trace = new NoOperationTraceWriter();
  const parsed = isActionFile(file)
    ? parseAction({ name: file, content }, trace)
    : parseWorkflow({ name: file, content }, trace);
  const errors = [...parsed.context.errors.getErrors()];
  if (parsed.value && errors.length === 0) {
    if (isActionFile(file)) {
      convertActionTemplate(parsed.context, parsed.value);
    } else {
      await convertWorkflowTemplate(parsed.context, parsed.value);
    }
    errors.push(...parsed.context.errors.getErrors());
  }
  const seen = new Set();
  return errors
    .map((e) => finding(file, e.range?.start.line, e.range?.start.column, "workflow-parser", e.rawMessage))
    .filter((f) => !seen.has(format(f)) && seen.add(format(f)));
}

// ---- 2. action-validator ----

/** The line and column of a JSON pointer (/jobs/check/steps/0) in the YAML document, or of the nearest parent. */
function locate(doc, lines, pointer) {
  let node = doc.contents;
  let at = node?.range?.[0] ?? 0;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
      if (!pair) break;
      at = pair.key?.range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(key) && node.items[Number(key)]) {
      node = node.items[Number(key)];
      at = node.range?.[0] ?? at;
    } else {
      break;
    }
  }
  return lines.linePos(at);
}

// Permission scopes newer than action-validator's bundled schema (SchemaStore, December 2024); GitHub's parser
// checks them, so they are taken out of the copy action-validator sees.
const newerPermissions = ["attestations", "models", "artifact-metadata"];

function withoutNewerPermissions(doc) {
  const copy = doc.clone();
  const jobs = get(copy.contents, "jobs");
  const owners = [copy.contents, ...(isMap(jobs) ? jobs.items.map((p) => p.value) : [])];
  for (const owner of owners) {
    const permissions = get(owner, "permissions");
    if (isMap(permissions)) for (const scope of newerPermissions) permissions.delete(scope);
  }
  return copy.toString();
}

function validatorFindings(file, content, doc, lines) {
  const result = isActionFile(file)
    ? actionValidator.validateAction(content)
    : actionValidator.validateWorkflow(withoutNewerPermissions(doc));
  return result.errors.map((e) => {
    const pos = e.location ? { line: e.location.line, col: e.location.column } : e.path ? locate(doc, lines, e.path) : { line: 1, col: 1 };
    const where = e.path ? ` at ${e.path}` : "";
    return finding(file, pos.line, pos.col, `action-validator ${e.code}`, `${e.title}${where}${details(e)}`);
  });
}

/** The detailed reasons under a oneOf/anyOf error (which schema branch failed how), without repeats. */
function details(error) {
  const leaves = new Set();
  const walk = (e) => {
    if (e.detail) leaves.add(`${e.path ?? ""} ${e.detail}`.trim());
    for (const state of e.states ?? []) for (const inner of state.errors ?? []) walk(inner);
  };
  walk(error);
  const list = [...leaves];
  return list.length === 0 ? "" : `: ${list.slice(0, 4).join("; ")}${list.length > 4 ? `; and ${list.length - 4} more` : ""}`;
}

// ---- 3. run: scripts ----

function get(map, key) {
  return isMap(map) ? map.get(key, true) : undefined;
}

function text(node) {
  return isScalar(node) ? String(node.value ?? "") : undefined;
}

/** Every run: step of a workflow (jobs.*.steps) or a composite action (runs.steps), with its shell. */
function runSteps(doc) {
  const top = doc.contents;
  const defaultShell = (node) => text(get(get(get(node, "defaults"), "run"), "shell"));
  const stepsOf = (steps, label, shell) =>
    (isSeq(steps) ? steps.items : []).flatMap((step, index) => {
      const run = get(step, "run");
      if (!isScalar(run)) return [];
      const name = text(get(step, "name")) ?? text(get(step, "id")) ?? `#${index + 1}`;
      return [{ label: `${label}step '${name}'`, run, shell: text(get(step, "shell")) ?? shell }];
    });
  const jobs = get(top, "jobs");
  if (isMap(jobs)) {
    return jobs.items.flatMap((pair) =>
      stepsOf(get(pair.value, "steps"), `job '${text(pair.key)}' `, defaultShell(pair.value) ?? defaultShell(top) ?? "bash"),
    );
  }
  return stepsOf(get(get(top, "runs"), "steps"), "", undefined);
}

/** Where line 1 of the script sits in the file: for a block scalar, the line after its header. */
function scriptOrigin(run, content, lines) {
  const start = lines.linePos(run.range[0]);
  if (run.type !== Scalar.BLOCK_LITERAL && run.type !== Scalar.BLOCK_FOLDED) {
    const quoted = run.type === Scalar.QUOTE_DOUBLE || run.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    return { line: start.line, column: start.col + quoted };
  }
  const firstContentLine = content.split("\n")[start.line] ?? "";
  return { line: start.line + 1, column: firstContentLine.length - firstContentLine.trimStart().length + 1 };
}

function shellcheck(script, shell) {
  const result = spawnSync("shellcheck", ["--shell", shell, "--format", "json1", "-"], { input: script, encoding: "utf8" });
  if (result.error) throw new Error(`shellcheck could not run: ${result.error.message}`);
  if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout).comments;
}

let scriptsChecked = 0;

function scriptFindings(file, content, doc, lines) {
  const out = [];
  for (const step of runSteps(doc)) {
    const origin = scriptOrigin(step.run, content, lines);
    const script = String(step.run.value);
    const shell = path.basename((step.shell ?? "").split(/\s+/)[0] || "");
    for (const match of script.matchAll(/\$\{\{/g)) {
      const before = script.slice(0, match.index).split("\n");
      out.push(
        finding(file, origin.line + before.length - 1, origin.column + before.at(-1).length, "expression-in-run", `${step.label}: \${{ }} pasted into a script; pass it through env: and use "$NAME"`),
      );
    }
    if (shell !== "bash" && shell !== "sh") continue;
    // A placeholder of the same line count, so shellcheck's lines stay the file's.
    const placeholder = (expr) => "GHA_EXPRESSION" + "\n".repeat(expr.split("\n").length - 1);
    const checked = script.replace(/\$\{\{[\s\S]*?\}\}/g, placeholder);
    scriptsChecked++;
    for (const c of shellcheck(checked, shell)) {
      out.push(finding(file, origin.line + c.line - 1, origin.column + c.column - 1, `shellcheck SC${c.code} ${c.level}`, `${step.label}: ${c.message}`));
    }
  }
  return out;
}

// ---- the lint ----

async function lintFile(file) {
  const content = fs.readFileSync(file, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => finding(file, e.linePos?.[0]?.line, e.linePos?.[0]?.col, "yaml", e.message.split("\n")[0]));
  }
  return [
    ...(await parserFindings(file, content)),
    ...validatorFindings(file, content, doc, lines),
    ...scriptFindings(file, content, doc, lines),
  ];
}

function repositoryFiles() {
  const workflows = (dir) =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(dir, n))
      : [];
  return [
    ...workflows(path.join(root, ".github", "workflows")),
    ...workflows(path.join(root, "mesh-repo-template", ".github", "workflows")),
    path.join(root, "action.yml"),
  ];
}

// action-validator's wasm warns about globs it does not check; keep the output to our findings.
function quietly(fn) {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  for (const name of Object.keys(saved)) {
    console[name] = (...args) => (String(args[0]).startsWith("WARNING: Glob validation") ? undefined : saved[name](...args));
  }
  return fn().finally(() => Object.assign(console, saved));
}

async function lint(files) {
  let findings = [];
  for (const file of files) findings.push(...(await quietly(() => lintFile(file))));
  for (const f of findings) console.log(format(f));
  const summary = `${files.length} files, ${scriptsChecked} scripts shellchecked, ${findings.length} problems`;
  console.log(findings.length === 0 ? `workflow-lint: ${summary}.` : `workflow-lint failed: ${summary}.`);
  return findings.length === 0 ? 0 : 1;
}

// Each fixture's leading comments say what the lint must report: `# lint-expect: pass` or
// `# lint-expect: <tool> <text in the message>` (one line per expected finding).
async function selfTest() {
  const dir = path.join(here, "fixtures");
  let failures = 0;
  const fixtures = fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  for (const name of fixtures) {
    const file = path.join(dir, name);
    const expectations = fs.readFileSync(file, "utf8").split("\n")
      .map((l) => /^# lint-expect: (.*)$/.exec(l)?.[1]).filter(Boolean);
    const findings = await quietly(() => lintFile(file));
    let ok;
    if (expectations.length === 0) {
      ok = false;
      console.log(`${name}: no '# lint-expect:' line`);
    } else if (expectations[0] === "pass") {
      ok = findings.length === 0;
    } else {
      const missing = expectations.filter((exp) => {
        const [tool, ...rest] = exp.split(" ");
        return !findings.some((f) => f.tool.startsWith(tool) && (f.tool + " " + f.message).includes(rest.join(" ")));
      });
      ok = missing.length === 0;
      for (const m of missing) console.log(`${name}: expected a finding '${m}'`);
    }
    console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${findings.length} findings`);
    for (const f of findings) console.log(`       ${format(f)}`);
    if (!ok) failures++;
  }
  console.log(`workflow-lint self-test: ${fixtures.length - failures} of ${fixtures.length} fixtures as expected.`);
  return failures === 0 && fixtures.length > 0 ? 0 : 1;
}

const args = process.argv.slice(2);
process.exitCode = args[0] === "--self-test" ? await selfTest() : await lint(args.length > 0 ? args.map((a) => path.resolve(a)) : repositoryFiles());
