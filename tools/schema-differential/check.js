// Differential check: official ODCS/ODPS schemas (draft 2019-09) vs. MeshGovernance's own draft-07 schemas.
// Usage: node check.js [--dump FILE]   (see README.md beside this file)
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const Ajv2019 = require('ajv/dist/2019');
const Ajv7 = require('ajv');
const addFormats = require('ajv-formats');

const ROOT = path.resolve(__dirname, '..', '..');
const C = process.env.MESHGOV_CORPUS || path.resolve(ROOT, '..', 'shared', 'corpus');
const RW = process.env.MESHGOV_REALWORLD || path.join(C, 'realworld');
// every ODCS version meshgov reads: our schema and the official one of that release
const ODCS_VERSIONS = {
  'v3.1.0': { ours: path.join(ROOT, 'schemas', 'odcs-v3.1.schema.json'), official: `${C}/odcs/odcs-json-schema-v3.1.0.json` },
  'v3.0.2': { ours: path.join(ROOT, 'schemas', 'odcs-v3.0.2.schema.json'), official: `${RW}/schemas/odcs-json-schema-v3.0.2.json` },
  'v3.0.1': { ours: path.join(ROOT, 'schemas', 'odcs-v3.0.1.schema.json'), official: `${RW}/schemas/odcs-json-schema-v3.0.1.json` },
  'v3.0.0': { ours: path.join(ROOT, 'schemas', 'odcs-v3.0.0.schema.json'), official: `${RW}/schemas/odcs-json-schema-v3.0.0.json` },
};
const OURS_ODCS = ODCS_VERSIONS['v3.1.0'].ours;
const OURS_ODPS = path.join(ROOT, 'schemas', 'odps-v1.0.schema.json');
const dumpAt = process.argv.indexOf('--dump');
const dumpFd = dumpAt > 0 ? fs.openSync(process.argv[dumpAt + 1], 'w') : null;

// formats checked as the standards' CI checks them (ajv-formats, full mode) on both sides; the .NET replay
// then compares meshgov's own format checks (StandardFormats.cs) with ajv-formats'
const official = addFormats(new Ajv2019({ strict: false, allErrors: true, logger: false }));
const ours = addFormats(new Ajv7({ strict: false, allErrors: true }));
const V = {
  odcs: { off: official.compile(JSON.parse(fs.readFileSync(`${C}/odcs/odcs-json-schema-v3.1.0.json`))),
          our: ours.compile(JSON.parse(fs.readFileSync(OURS_ODCS))) },
  ...Object.fromEntries(Object.entries(ODCS_VERSIONS).filter(([v]) => v !== 'v3.1.0').map(([v, f]) => [`odcs-${v}`, {
    off: official.compile(JSON.parse(fs.readFileSync(f.official))), our: ours.compile(JSON.parse(fs.readFileSync(f.ours))) }])),
  odps: { off: official.compile(JSON.parse(fs.readFileSync(`${C}/odps/odps-json-schema-v1.0.0.json`))),
          our: ours.compile(JSON.parse(fs.readFileSync(OURS_ODPS))) },
};
// the schema pair that judges a document, chosen as meshgov chooses it: by the declared apiVersion (v3.0.x), else v3.1
const pairOf = (kind, doc) => kind === 'odcs' && doc && typeof doc === 'object' && !Array.isArray(doc) && typeof doc.apiVersion === 'string'
  && V[`odcs-${doc.apiVersion}`] ? `odcs-${doc.apiVersion}` : kind;
const load = f => yaml.load(fs.readFileSync(f, 'utf8'), { schema: yaml.CORE_SCHEMA });
const clone = o => JSON.parse(JSON.stringify(o));
let failures = 0;
const fail = (...m) => { failures++; console.log('FAIL', ...m); };

// ------------------------------------------------------------------ 1. rule check: forbidden keywords
function walkSchema(s, p, cb) {
  if (Array.isArray(s)) return s.forEach((x, i) => walkSchema(x, `${p}/${i}`, cb));
  if (s && typeof s === 'object') {
    cb(s, p);
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties' || k === 'patternProperties' || k === 'definitions') for (const [n, sub] of Object.entries(v)) walkSchema(sub, `${p}/${k}/${n}`, cb);
      else if (typeof v === 'object') walkSchema(v, `${p}/${k}`, cb);
    }
  }
}
const ALLOWED = new Set(['$schema', 'title', 'description', 'definitions', 'type', 'properties', 'required', 'additionalProperties',
  'patternProperties', 'items', 'minItems', 'maxItems', 'uniqueItems', 'enum', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'allOf', 'anyOf', 'oneOf', 'not', '$ref', 'if', 'then', 'else', 'format']);
// the formats meshgov checks (src/MeshGovernance.Model/Schemas/StandardFormats.cs); any other would be ignored
const FORMATS = new Set(['date', 'date-time', 'uri']);
for (const f of [...Object.values(ODCS_VERSIONS).map(v => v.ours), OURS_ODPS]) {
  const s = JSON.parse(fs.readFileSync(f));
  const text = fs.readFileSync(f, 'utf8');
  if (s.$id) fail(f, 'has $id');
  if (s.$schema !== 'http://json-schema.org/draft-07/schema#') fail(f, 'wrong $schema');
  walkSchema(s, '#', (node, p) => {
    for (const k of Object.keys(node)) if (!ALLOWED.has(k)) fail(f, `keyword "${k}" at ${p}`);
    if (node.$ref && !/^#\/definitions\/[A-Za-z]+$/.test(node.$ref)) fail(f, `ref ${node.$ref} at ${p}`);
    if (node.$ref && Object.keys(node).some(k => k !== '$ref' && k !== 'description')) fail(f, `$ref with siblings at ${p}`);
    if (node.pattern) new RegExp(node.pattern, 'u');
    if ('format' in node && (typeof node.format !== 'string' || !FORMATS.has(node.format))) fail(f, `format ${JSON.stringify(node.format)} at ${p}`);
    if (typeof node.additionalProperties === 'object' && Object.keys(node.additionalProperties).length) fail(f, 'schema additionalProperties');
  });
  // every description: one line, non-empty
  const descs = []; walkSchema(s, '#', n => { if ('description' in n) descs.push(n.description); });
  for (const d of descs) if (typeof d !== 'string' || !d.trim() || d.includes('\n')) fail(f, 'bad description', d);
  // no description text copied from the official schema (compare normalised sentences longer than 25 chars)
  const offFiles = f.includes('odcs') ? Object.values(ODCS_VERSIONS).map(v => v.official) : [`${C}/odps/odps-json-schema-v1.0.0.json`];
  const offDescs = new Set();
  for (const o of offFiles) walkSchema(JSON.parse(fs.readFileSync(o, 'utf8')), '#', n => { if (typeof n.description === 'string') offDescs.add(n.description.trim().toLowerCase()); });
  const norm = d => d.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const offNorm = new Set([...offDescs].map(norm));
  const copied = descs.filter(d => offNorm.has(norm(d)));
  if (copied.length) fail(f, 'descriptions identical to official:', copied);
  if (!/^ {2}"/m.test(text) || /\t/.test(text)) fail(f, 'indentation');
  // every definition is referenced
  for (const name of Object.keys(s.definitions)) if (!text.includes(`"#/definitions/${name}"`)) fail(f, 'unused definition', name);
  console.log(`rules: ${path.basename(f)}: ${descs.length} descriptions, ${Object.keys(s.definitions).length} definitions`);
}

// ------------------------------------------------------------------ 2. corpus
function errs(v) { return (v.errors || []).map(e => `${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`); }
const corpus = [];
for (const [kind, dir, re] of [['odcs', `${C}/odcs`, /\.odcs\.yaml$/], ['odps', `${C}/odps`, /\.odps\.yaml$/]]) {
  for (const f of fs.readdirSync(dir).filter(n => re.test(n)).sort()) {
    const doc = load(`${dir}/${f}`);
    const pair = V[pairOf(kind, doc)]; // each example judged by the schemas of the version it declares
    const o = pair.off(doc), u = pair.our(doc);
    // valid or not by the official schema of its declared version (an example written for a later release,
    // such as a v3.1 team object under apiVersion v3.0.2, is invalid there), ours must judge it the same
    if (o !== u) fail(`${f} (${doc.apiVersion}): official ${o}, ours ${u}`, errs(pair.off), errs(pair.our));
    if (!o) console.log(`${f}: invalid for its declared ${doc.apiVersion}, in both:`, errs(pair.off).filter(e => !/ (if|unevaluatedProperties) /.test(e)).join('; '));
    corpus.push({ kind, name: f, doc });
  }
}
// real ODCS v3.0.x files (../shared/corpus/realworld, group odcs-v3): mutated and judged by their declared version;
// valid or not, each must get the same verdict from the official schema of its version and from ours
{
  const manifest = JSON.parse(fs.readFileSync(`${RW}/manifest.json`, 'utf8'));
  let n = 0, agree = 0; const skipped = [];
  for (const m of manifest.filter(m => m.group === 'odcs-v3' && /^v3\.0\.[0-2]$/.test(m.declaredVersion))) {
    let doc; try { doc = load(`${RW}/${m.file}`); } catch (e) { skipped.push(`${m.file} (${e.message.split('\n')[0]})`); continue; }
    const pair = V[pairOf('odcs', doc)]; const o = pair.off(doc), u = pair.our(doc); n++;
    if (o !== u) fail(`${m.file} (${m.declaredVersion}): official ${o}, ours ${u}`, errs(pair.off).slice(0, 4), errs(pair.our).slice(0, 4)); else agree++;
    corpus.push({ kind: 'odcs', name: path.basename(m.file), doc, realworld: true });
  }
  console.log(`realworld: ${n} ODCS v3.0.x files, ${agree} judged alike by the official schema of their version and ours` +
    (skipped.length ? `; not YAML js-yaml reads, skipped: ${skipped.join(', ')}` : ''));
  // the v3.1.0 and ODPS v1.0.0 files: verdict only (the corpus examples above already carry their mutations)
  const verdicts = { agree: 0, n: 0 };
  for (const m of manifest.filter(m => (m.group === 'odcs-v3' && m.declaredVersion === 'v3.1.0') || (m.group === 'odps' && m.declaredVersion === 'v1.0.0'))) {
    let doc; try { doc = load(`${RW}/${m.file}`); } catch (e) { continue; }
    const kind = m.group === 'odps' ? 'odps' : 'odcs';
    const pair = V[pairOf(kind, doc)]; const o = pair.off(doc), u = pair.our(doc); verdicts.n++;
    if (o !== u) fail(`${m.file} (${m.declaredVersion}): official ${o}, ours ${u}`, errs(pair.off).slice(0, 4), errs(pair.our).slice(0, 4)); else verdicts.agree++;
    corpus.push({ kind, name: path.basename(m.file), doc, verdictOnly: true });
  }
  console.log(`realworld: ${verdicts.n} ODCS v3.1.0 and ODPS v1.0.0 files, ${verdicts.agree} judged alike (formats included)`);
}
console.log(`corpus: ${corpus.filter(c => c.kind === 'odcs').length} ODCS + ${corpus.filter(c => c.kind === 'odps').length} ODPS files, ` +
  `${corpus.filter(c => V[pairOf(c.kind, c.doc)].our(c.doc)).length} valid against the schema of their declared version`);

// ------------------------------------------------------------------ 3. negative fixture
{
  const f = `${C}/datacontract-cli-fixtures/changelog_changelog_unit_v1.yaml`;
  const doc = load(f);
  const P = V[pairOf('odcs', doc)];
  const o = P.off(doc), oe = errs(P.off), u = P.our(doc), ue = errs(P.our);
  if (o || u) fail('changelog_changelog_unit_v1.yaml should be rejected by both', o, u);
  // the official validator also reports, as unevaluated, every property of an object whose subschema failed
  // below it (2019-09 drops the annotations of a failing subschema): such a node is no failure of its own
  const nodes = es => { const all = [...new Set(es.filter(e => !/ unevaluatedProperties /.test(e)).map(e => e.split(' ')[0]))];
    const own = es.filter(e => / unevaluatedProperties /.test(e)).map(e => e.split(' ')[0]).filter(n => !all.some(a => a.startsWith(n + '/')));
    return [...new Set([...all, ...own])].sort(); };
  console.log('changelog_changelog_unit_v1.yaml official errors:\n  ' + oe.join('\n  '));
  console.log('changelog_changelog_unit_v1.yaml our errors:\n  ' + ue.join('\n  '));
  if (JSON.stringify(nodes(oe)) !== JSON.stringify(nodes(ue))) fail('failing nodes differ', nodes(oe), nodes(ue));
  else console.log('failing nodes (same in both):', nodes(ue).join(', '));
}

// ------------------------------------------------------------------ 4. differential fuzz
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = a => a[Math.floor(rnd() * a.length)];

function paths(doc) { // all [path, value] pairs
  const out = [];
  (function walk(v, p) { out.push([p, v]); if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], p.concat(Array.isArray(v) ? Number(k) : k)); })(doc, []);
  return out;
}
const getAt = (d, p) => p.reduce((x, k) => x[k], d);
function setAt(d, p, val) { if (!p.length) return val; getAt(d, p.slice(0, -1))[p[p.length - 1]] = val; return d; }
function delAt(d, p) { const parent = getAt(d, p.slice(0, -1)); const k = p[p.length - 1]; if (Array.isArray(parent)) parent.splice(k, 1); else delete parent[k]; return d; }

const SERVER_TYPES = V.odcs.off.schema.$defs.Server.properties.type.enum;
const LOGICAL = ['string', 'date', 'timestamp', 'time', 'number', 'integer', 'object', 'array', 'boolean'];
const OPS = { mustBe: 0, mustNotBe: 'x', mustBeGreaterThan: 1, mustBeGreaterOrEqualTo: 1, mustBeLessThan: 5, mustBeLessOrEqualTo: 5, mustBeBetween: [1, 2], mustNotBeBetween: [3, 4] };
const BAD_OPS = { mustBeGreaterThan: '1', mustBeBetween: [1, 1], mustNotBeBetween: [1, 2, 3], mustBeLessThan: null };
const LTO_SAMPLES = [{}, { format: 'i64' }, { format: 'f32' }, { format: 'email' }, { format: 'yyyy-MM-dd' }, { minLength: 1, maxLength: 5 }, { minLength: -1 },
  { pattern: '^a' }, { minimum: '2020-01-01' }, { minimum: 3 }, { timezone: true }, { defaultTimezone: 'Etc/UTC' }, { multipleOf: 0 }, { multipleOf: 2.5 },
  { maxProperties: 3, required: ['a'] }, { required: [] }, { required: ['a', 'a'] }, { minItems: 1, uniqueItems: true }, { maxItems: -2 }, { foo: 1 }, 'x'];
// more logicalTypeOptions samples, derived from every option the official schema knows (valid and invalid values);
// used by the combinatorial probes (the per-document mutations use the short list above)
const LTO_ALL = LTO_SAMPLES.slice();
for (const branch of V.odcs.off.schema.$defs.SchemaBaseProperty.allOf) {
  const lto = branch.then && branch.then.properties && branch.then.properties.logicalTypeOptions;
  if (!lto) continue;
  for (const [k, sch] of Object.entries(lto.properties)) {
    const vals = { string: ['x'], integer: [0, 3, -1], number: [0, 2.5, -1], boolean: [true], array: [['a'], [], ['a', 'a'], [1]] }[sch.type] || ['x'];
    for (const v of [...vals, ...(sch.enum || []), 'zz', 1.5, null]) LTO_ALL.push({ [k]: v });
  }
}
const SERVER_KEYS = { host: 'h', port: 5432, database: 'd', schema: 's', catalog: 'c', account: 'a', warehouse: 'w', project: 'p', dataset: 'ds',
  location: 'sftp://x/y', endpointUrl: 'https://e', path: './x', format: 'json', delimiter: 'new_line', stagingDir: 's3://x', region: 'eu', regionName: 'eu',
  serviceName: 'svc', stream: 'st' };
const URI_PROBES = ['s3://bucket/{model}/*.json', 's3://bucket/path/*.json', 'https://example.com:8080/a?b=c#d', 'https://exa mple.com', 'no-scheme/path',
  '/abs/path', 'C:\\data\\x', 'file:///tmp/x', 'mailto:team@example.com', 'urn:isbn:0451450523', 'http://[::1]:80/', 'http://[fe80::1%25eth0]/', 'http://[v1.x]/',
  'http://[::ffff:192.168.0.1]/', 'http://[1:2:3:4:5:6:7:8]/', 'http://[1:2:3:4:5:6:7:8:9]/', 'http://[1::2::3]/', 'http://[::]/', 'http://[1:2:3:4:5:6:7::]/', 'http://[::256.1.1.1]/', 'http://[::ffff:010.0.0.1]/',
  'http://[::ffff:00.0.0.1]/', 'http://[::ffff:299.0.0.1]/', 'http://[::ffff:1.2.3]/',
  'http://host:port/', 'http://a@b@c/', 'http://%zz/', 'http://a%2/', 'abfss://container@account.dfs.core.windows.net/path', 'sftp://user:pw@host:22/dir/file.csv',
  'https://ex.com/path%20x', 'https://ex.com/\u00fc', 'https://ex.com/a|b', 'https://ex.com/a\\b', 's3://bucket/year=2024/month=*/', '1http://x', 'ht_tp://x', 'x:', ':', '',
  'https://ex.com/#frag#2', 'https://ex.com/?q=[1]', 'https://ex.com/?q=1?2', 'gs://b/o', 'https://x.com/\n', 'https://x.com/^', 'https://x.com/`', 'https://x.com/"q"',
  'https://[::1', 'https://[::1]x/', 'HTTPS://X.COM', 'a+b-c.d:e', 'sftp://x/y', 'https://x.com/<a>', 'https://x.com:/', 'https://x.com:80:90/', 'https://u@[::1]:8/p'];
const DATE_PROBES = ['2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '24-01-01', '2024-04-31', '2024-04-30', '2024-01-01T00:00:00Z', '20240101',
  '\uff12\uff10\uff12\uff14-01-01', '2024-01-01\n', '1900-02-29', '2000-02-29', '0000-01-01', '2024-12-31', '2024-12-32', ' 2024-01-01'];
const DATE_TIME_PROBES = ['2023-10-01T10:00:00Z', '2023-10-01 10:00:00Z', '2023-10-01t10:00:00z', '2023-10-01T10:00:00', '2023-10-01T10:00:00+02:00',
  '2023-10-01T10:00:00+0200', '2023-10-01T10:00:00+02', '2023-10-01T10:00:00.123456Z', '2023-10-01T10:00:00.Z', '2023-10-01T24:00:00Z', '2023-10-01T23:59:60Z',
  '2023-10-01T22:59:60-01:00', '2023-10-01T23:59:60+01:00', '2023-10-01T00:59:60+01:00', '2023-10-01T10:00Z', '2023-10-01', '2023-10-01T10:00:00+24:00', '2023-10-01T10:00:00+02:60',
  '2023-10-01TT10:00:00Z', '2023-10-01\t10:00:00Z', '2023-10-01\u00a010:00:00Z', '2023-10-01\u2003T10:00:00Z', '2023-10-01T10:00:00Z\n', '2023-02-30T10:00:00Z',
  '2023-10-01T10:60:00Z', '2023-10-01T10:00:61Z', '2023-10-01T1:00:00Z', '2023-10-01T10:00:00+2:00', '2023-10-01T10:00:00-00:00', '2023-10-01\ufeff10:00:00Z',
  '2023-10-01\u180e10:00:00Z']; // no U+0085: YAML 1.1 readers fold it as a line break inside a quoted scalar, js-yaml keeps it
const REFS = ['a.b', 'a', 'a.b.c', 'schema/tbl/properties/id', '/schema/x/properties/y', 'https://x.com/c.yaml#/schema/x/properties/y', 'f.yaml#schema/a', 'x/-', '1a.b', '', 'a.b\n'];

function typeChanges(v) {
  const alts = ['str', 42, 4.5, true, null, [], {}, ['s'], [{}]];
  return alts.filter(a => JSON.stringify(a) !== JSON.stringify(v) && typeof a !== typeof v || Array.isArray(a) !== Array.isArray(v));
}

function mutations(doc, kind) {
  const muts = []; // [label, fn(docClone) -> docClone]
  const all = paths(doc);
  for (const [p, v] of all) {
    const ps = '/' + p.join('/');
    if (p.length) {
      muts.push([`delete ${ps}`, d => delAt(d, p)]);
      for (const a of typeChanges(v)) muts.push([`type ${ps}=${JSON.stringify(a)}`, d => setAt(d, p, clone(a))]);
    }
    if (typeof v === 'string') { muts.push([`enumish ${ps}`, d => setAt(d, p, 'zzBogus')]); muts.push([`empty ${ps}`, d => setAt(d, p, '')]); }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      muts.push([`unknown ${ps}`, d => { getAt(d, p).zzUnknown = 1; return d; }]);
      for (const k of ['id', 'name', 'description', 'type', 'properties', 'items', 'quality', 'relationships', 'customProperties', 'tags', 'from', 'to', 'members', 'metric', 'query', 'logicalTypeOptions', 'required'])
        if (!(k in v)) muts.push([`addkey ${ps}.${k}`, d => { getAt(d, p)[k] = pick(['x', 1, [], {}, ['a.b'], [{ name: 'n' }], { logicalType: 'string' }, true]); return d; }]);
    }
    if (Array.isArray(v)) {
      muts.push([`emptyarr ${ps}`, d => setAt(d, p, [])]);
      if (v.length) muts.push([`dupitem ${ps}`, d => { getAt(d, p).push(clone(v[0])); return d; }]);
      muts.push([`pushobj ${ps}`, d => { getAt(d, p).push({}); return d; }]);
      muts.push([`pushstr ${ps}`, d => { getAt(d, p).push('s'); return d; }]);
    }
    const last = p[p.length - 1], parentPath = p.slice(0, -1), parentName = p[p.length - 3];
    // targeted: servers
    if (kind === 'odcs' && parentName === 'servers' && last === 'type' || (kind === 'odcs' && p[0] === 'servers' && p.length === 2)) {
      const sp = last === 'type' ? parentPath : p;
      for (const t of SERVER_TYPES) muts.push([`servertype ${ps}=${t}`, d => { getAt(d, sp).type = t; return d; }]);
      for (const [k, val] of Object.entries(SERVER_KEYS)) muts.push([`serverkey ${ps}+${k}`, d => { getAt(d, sp)[k] = val; return d; }]);
      for (const t of SERVER_TYPES) muts.push([`serverfull ${ps}=${t}`, d => { const s = getAt(d, sp); s.type = t; Object.assign(s, { host: 'h', port: 1, database: 'd', schema: 's' }); return d; }]);
    }
    // targeted: quality rules
    if (p[p.length - 2] === 'quality' && v && typeof v === 'object') {
      for (const t of ['text', 'library', 'sql', 'custom', undefined]) muts.push([`qtype ${ps}=${t}`, d => { const q = getAt(d, p); if (t) q.type = t; else delete q.type; return d; }]);
      for (const [k, val] of Object.entries({ metric: 'rowCount', query: 'select 1', engine: 'soda', implementation: { a: 1 }, rule: 'r', arguments: {}, ...OPS }))
        muts.push([`qadd ${ps}+${k}`, d => { getAt(d, p)[k] = clone(val); return d; }]);
      for (const [k, val] of Object.entries(BAD_OPS)) muts.push([`qbad ${ps}+${k}`, d => { getAt(d, p)[k] = clone(val); return d; }]);
      for (const t of ['text', 'library', 'sql', 'custom']) for (const op of Object.keys(OPS))
        muts.push([`qcombo ${ps} ${t}+${op}`, d => { const q = getAt(d, p); for (const o of Object.keys(OPS)) delete q[o]; q.type = t; q[op] = clone(OPS[op]); if (t === 'sql') q.query = 'q'; if (t === 'custom') { q.engine = 'e'; q.implementation = 'i'; } return d; }]);
    }
    // targeted: schema properties
    if ((p[p.length - 2] === 'properties' || last === 'items') && v && typeof v === 'object' && !Array.isArray(v) && p[0] === 'schema') {
      for (const lt of [...LOGICAL, undefined]) {
        muts.push([`ltype ${ps}=${lt}`, d => { const q = getAt(d, p); if (lt) q.logicalType = lt; else delete q.logicalType; return d; }]);
        for (const lto of LTO_SAMPLES) muts.push([`lto ${ps}=${lt} ${JSON.stringify(lto)}`, d => { const q = getAt(d, p); if (lt) q.logicalType = lt; else delete q.logicalType; q.logicalTypeOptions = clone(lto); return d; }]);
        muts.push([`litems ${ps}=${lt}`, d => { const q = getAt(d, p); if (lt) q.logicalType = lt; else delete q.logicalType; q.items = { logicalType: 'string' }; return d; }]);
        muts.push([`lprops ${ps}=${lt}`, d => { const q = getAt(d, p); if (lt) q.logicalType = lt; else delete q.logicalType; q.properties = [{ name: 'x' }]; return d; }]);
      }
      muts.push([`itemsnoname ${ps}`, d => { const q = getAt(d, p); q.logicalType = 'array'; q.items = { logicalType: 'object', properties: [{ logicalType: 'string' }] }; return d; }]);
      for (const r of REFS) muts.push([`prel ${ps} ${JSON.stringify(r)}`, d => { getAt(d, p).relationships = [{ to: r }]; return d; }]);
      muts.push([`prelfrom ${ps}`, d => { getAt(d, p).relationships = [{ to: 'a.b', from: 'c.d' }]; return d; }]);
      muts.push([`prelarr ${ps}`, d => { getAt(d, p).relationships = [{ to: ['a.b', 'c.d'], type: 'foreignKey' }]; return d; }]);
      muts.push([`preltype ${ps}`, d => { getAt(d, p).relationships = [{ to: 'a.b', type: 'other' }]; return d; }]);
    }
    // targeted: schema objects
    if (p[0] === 'schema' && p.length === 2) {
      for (const [from, to] of [['a.b', 'c.d'], [['a.b'], ['c.d']], ['a.b', ['c.d']], [[], []], [['a.b', 'x'], ['c.d', 'e.f']], ['schema/a/properties/b', 'c.d'], ['a.b', 'bad ref']])
        muts.push([`orel ${ps} ${JSON.stringify([from, to])}`, d => { getAt(d, p).relationships = [{ from, to }]; return d; }]);
      muts.push([`orelnofrom ${ps}`, d => { getAt(d, p).relationships = [{ to: 'a.b' }]; return d; }]);
      muts.push([`ologtype ${ps}`, d => { getAt(d, p).logicalType = 'object'; return d; }]);
      muts.push([`ologtype2 ${ps}`, d => { getAt(d, p).logicalType = 'array'; return d; }]);
      muts.push([`oitems ${ps}`, d => { getAt(d, p).items = {}; return d; }]);
    }
    if (kind === 'odcs' && p.length === 1 && last === 'team') {
      muts.push(['team->array', d => { d.team = (d.team.members || d.team); return d; }]);
      muts.push(['team->object', d => { d.team = { name: 't', members: Array.isArray(d.team) ? d.team : [] }; return d; }]);
      muts.push(['team->array+bad', d => { d.team = [{ name: 'x' }]; return d; }]);
    }
    if (p.length === 1 && last === 'apiVersion') for (const a of ['v3.1.0', 'v3.0.2', 'v3.0.1', 'v3.0.0', 'v2.2.2', 'v2.2.1', 'v2.2.0', 'v2.1.0', 'v1.0.0', 'v0.9.0', 'v3.1'])
      muts.push([`apiVersion=${a}`, d => { d.apiVersion = a; return d; }]);
    if (p.length === 1 && last === 'kind') for (const a of ['DataContract', 'DataProduct']) muts.push([`kind=${a}`, d => { d.kind = a; return d; }]);
    if (last === 'id' && typeof v === 'string') for (const a of ['ok_id-1', 'with space', 'dot.id', 'a\n', 'é']) muts.push([`stableid ${ps}=${JSON.stringify(a)}`, d => setAt(d, p, a)]);
    if (last === 'value' && p[p.length - 3] === 'slaProperties') for (const a of [null, [], {}, 'x', 3, true]) muts.push([`slavalue ${ps}=${JSON.stringify(a)}`, d => setAt(d, p, a)]);
  }
  return muts;
}

function addTopLevel(kind) { // extra docs-level additions exercising absent sections
  const m = [];
  if (kind === 'odcs') {
    m.push(['add server', d => { d.servers = [{ server: 's', type: 'postgres', host: 'h', port: 1, database: 'd', schema: 's' }]; return d; }]);
    m.push(['add quality', d => { d.schema = [{ name: 't', quality: [{ type: 'sql', query: 'q', mustBe: 1 }] }]; return d; }]);
    m.push(['add sla', d => { d.slaProperties = [{ property: 'p', value: null, valueExt: [1] }]; return d; }]);
    m.push(['add price', d => { d.price = { priceAmount: '1' }; return d; }]);
    m.push(['add description extra', d => { d.description = { purpose: 'x', other: 1 }; return d; }]);
    m.push(['add team bad member', d => { d.team = { members: [{ username: 'u', zz: 1 }] }; return d; }]);
  }
  return m;
}

const stats = { total: 0, disagree: 0, acceptedBoth: 0, rejectedBoth: 0, byPair: {} };
const disagreements = [];
function compare(kind, label, doc) {
  stats.total++;
  if (dumpFd !== null) fs.writeSync(dumpFd, JSON.stringify({ kind, label, official: V[pairOf(kind, doc)].off(doc), doc }) + '\n');
  const pair = V[pairOf(kind, doc)];
  const o = pair.off(doc), u = pair.our(doc);
  stats.byPair[pairOf(kind, doc)] = (stats.byPair[pairOf(kind, doc)] || 0) + 1;
  if (o !== u) { stats.disagree++; disagreements.push({ label, o, off: errs(pair.off).slice(0, 6), our: errs(pair.our).slice(0, 6) }); }
  else if (o) stats.acceptedBoth++; else stats.rejectedBoth++;
}

// the real v3.0.x files are many: fewer mutations each (PER_FILE_RW, TARGETED_CAP_RW, CHAINS_RW)
for (const { kind, name, doc, realworld, verdictOnly } of corpus) {
  if (verdictOnly) { compare(kind, `${name}: as written`, doc); continue; }
  const PER_FILE = Number((realworld ? process.env.PER_FILE_RW : process.env.PER_FILE) || (realworld ? 200 : 600));
  let muts = mutations(doc, kind).concat(addTopLevel(kind));
  // keep targeted mutations, sample the generic ones
  const targeted = muts.filter(([l]) => !/^(delete|type|enumish|empty|unknown|addkey|emptyarr|dupitem|pushobj|pushstr) /.test(l));
  let generic = muts.filter(m => !targeted.includes(m));
  const cap = Math.max(PER_FILE - Math.min(targeted.length, PER_FILE / 2), PER_FILE / 2);
  while (generic.length > cap) generic.splice(Math.floor(rnd() * generic.length), 1);
  let tsample = targeted.slice();
  const tcap = Number((realworld ? process.env.TARGETED_CAP_RW : process.env.TARGETED_CAP) || (realworld ? 300 : 1500));
  while (tsample.length > tcap) tsample.splice(Math.floor(rnd() * tsample.length), 1);
  const chosen = tsample.concat(generic);
  for (const [label, fn] of chosen) compare(kind, `${name}: ${label}`, fn(clone(doc)));
  // chained mutations: 2-3 random mutations applied in sequence (paths recomputed each step)
  for (let i = 0; i < Number((realworld ? process.env.CHAINS_RW : process.env.CHAINS) || (realworld ? 40 : 150)); i++) {
    let d = clone(doc); const labels = [];
    for (let j = 0; j < 2 + Math.floor(rnd() * 2); j++) {
      const ms = mutations(d, kind); if (!ms.length) break;
      const [l, fn] = pick(ms); labels.push(l);
      try { d = fn(clone(d)); } catch (e) { break; }
    }
    compare(kind, `${name}: chain ${labels.join(' ; ')}`, d);
  }
}

const fromCorpus = stats.total;
// ------------------------------------------------------------------ 5. combinatorial probes (quality rules, servers, logical types)
// the same probes for every ODCS version read (PROBE_VERSIONS=v3.1.0 to run only those of v3.1.0)
for (const PV of (process.env.PROBE_VERSIONS || Object.keys(ODCS_VERSIONS).join(',')).split(',')) {
const base = () => ({ apiVersion: PV, kind: 'DataContract', id: 'c', version: '1', status: 'draft' });
{
  const opt = { type: [undefined, 'text', 'library', 'sql', 'custom', 'other'], metric: [undefined, 'rowCount', 'bogus', 7], rule: [undefined, 'r'],
    arguments: [undefined, {}], query: [undefined, 'q', 3], engine: [undefined, 'e'], implementation: [undefined, 'i', { a: 1 }, 5] };
  const opsets = [[], ['mustBe'], ['mustBeGreaterThan'], ['mustBeGreaterThan:bad'], ['mustBe', 'mustNotBe'], ['mustBeBetween'], ['mustBeBetween:bad'], ['mustNotBeBetween', 'mustBeLessThan:bad']];
  const keys = Object.keys(opt);
  const combos = [{}];
  for (const k of keys) { const next = []; for (const c of combos) for (const v of opt[k]) next.push(v === undefined ? c : { ...c, [k]: v }); combos.splice(0, combos.length, ...next); }
  for (const c of combos) for (const os of opsets) {
    const q = { ...c };
    for (const o of os) { const [n, bad] = o.split(':'); q[n] = bad ? clone(BAD_OPS[n]) : clone(OPS[n]); }
    compare('odcs', `${PV} quality ${JSON.stringify(q)}`, { ...base(), schema: [{ name: 't', quality: [q] }] });
  }
}
// per-type probes driven by the official type profiles: exact required set, each one missing, each extra key, wrong value types
{
  const offDefs = V[pairOf('odcs', base())].off.schema.$defs;
  for (const cond of offDefs.Server.allOf) {
    const t = cond.if.properties.type.const; const prof = offDefs.ServerSource[cond.then.$ref.split('/').pop()];
    const req = prof.required || []; const allowed = Object.keys(prof.properties);
    const mk = keys => { const s = { server: 's', type: t }; for (const k of keys) s[k] = SERVER_KEYS[k]; return s; };
    const probe = (label, s) => compare('odcs', `${PV} server-profile ${t} ${label}`, { ...base(), servers: [s] });
    probe('exact required', mk(req));
    probe('all allowed', mk(allowed));
    for (const k of req) probe(`missing ${k}`, mk(req.filter(x => x !== k)));
    for (const k of Object.keys(SERVER_KEYS)) probe(`plus ${k}`, mk([...new Set([...req, k])]));
    for (const k of allowed) { const s = mk(allowed); s[k] = typeof s[k] === 'number' ? 'str' : 12; probe(`badtype ${k}`, s); }
    for (const k of ['id', 'description', 'environment', 'roles', 'customProperties', 'zz']) {
      const s = mk(req); s[k] = { id: 'a-b', description: 'd', environment: 'prod', roles: [{ role: 'r' }], customProperties: [{ property: 'p', value: 1 }], zz: 1 }[k];
      probe(`common ${k}`, s);
    }
  }
}
for (const t of [...SERVER_TYPES, 'unknown', undefined]) {
  const full = Object.keys(SERVER_KEYS);
  const variants = [[], full, ['host', 'port', 'database', 'schema'], ['host', 'database'], ['location', 'format'], ['account', 'database', 'schema'], ['project', 'dataset'], ['path', 'format']];
  for (const k of full) variants.push([k], full.filter(x => x !== k));
  for (const v of variants) {
    const s = { server: 's' }; if (t) s.type = t; for (const k of v) s[k] = SERVER_KEYS[k];
    compare('odcs', `${PV} server ${JSON.stringify(s)}`, { ...base(), servers: [s] });
    if (v.includes('location')) compare('odcs', `${PV} server http ${t}`, { ...base(), servers: [{ ...s, location: 'https://x' }] });
    if (v.includes('port')) compare('odcs', `${PV} server strport ${t}`, { ...base(), servers: [{ ...s, port: '1' }] });
  }
}
// format probes: every field with a format, with values on both sides of RFC 3986 / RFC 3339 as ajv-formats reads them
for (const u of URI_PROBES) {
  for (const t of ['api', 'athena', 'azure', 'glue', 'custom', 's3', 'sftp', 'local']) {
    const s = { server: 's', type: t, location: u, stagingDir: u, schema: 's', format: 'csv', endpointUrl: u };
    const allowed = { api: ['location'], athena: ['stagingDir', 'schema'], azure: ['location', 'format'], glue: ['location', 'format'], custom: ['location', 'endpointUrl'],
      s3: ['location', 'endpointUrl'], sftp: ['location'], local: ['format'] }[t];
    for (const k of Object.keys(s)) if (!['server', 'type', ...allowed].includes(k)) delete s[k];
    compare('odcs', `${PV} format uri ${t} ${JSON.stringify(u)}`, { ...base(), servers: [s] });
  }
}
for (const d of DATE_PROBES) {
  const member = { username: 'u', dateIn: d, dateOut: d };
  compare('odcs', `${PV} format date ${JSON.stringify(d)}`, { ...base(), team: PV === 'v3.1.0' ? { name: 't', members: [member] } : [member] });
}
for (const d of DATE_TIME_PROBES) compare('odcs', `${PV} format date-time ${JSON.stringify(d)}`, { ...base(), contractCreatedTs: d });
for (const lt of [...LOGICAL, undefined, 'decimal']) for (const lto of [undefined, ...LTO_ALL]) for (const extra of [{}, { items: {} }, { properties: [] }, { items: { properties: [{}] } }]) {
  const p = { name: 'p', ...clone(extra) }; if (lt) p.logicalType = lt; if (lto !== undefined) p.logicalTypeOptions = clone(lto);
  compare('odcs', `${PV} property ${JSON.stringify(p)}`, { ...base(), schema: [{ name: 't', properties: [p] }] });
  compare('odcs', `${PV} item ${JSON.stringify(p)}`, { ...base(), schema: [{ name: 't', properties: [{ name: 'a', logicalType: 'array', items: { ...p, name: undefined } }] }] });
}

}
console.log(`differential: ${stats.total} documents (${fromCorpus} corpus mutations/chains + ${stats.total - fromCorpus} combinatorial probes; ${stats.acceptedBoth} accepted by both, ${stats.rejectedBoth} rejected by both), ${stats.disagree} disagreements`);
console.log('documents per schema pair: ' + Object.entries(stats.byPair).map(([k, n]) => `${k === 'odcs' ? 'odcs-v3.1.0' : k} ${n}`).join(', '));
for (const d of disagreements.slice(0, Number(process.env.SHOW || 25))) console.log(' DISAGREE', d.label, '\n   official', d.o, d.off.join(' | '), '\n   ours', !d.o, d.our.join(' | '));
if (stats.disagree) failures++;
console.log(failures ? `FAILED (${failures})` : 'ALL CHECKS PASSED');
process.exit(failures ? 1 : 0);
