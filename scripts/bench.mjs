#!/usr/bin/env node
// `npm run bench`: the speed and memory budgets, each measured in one run against its reference.
// Prints a table; a full run writes bench/results.json (with the commit it measured) and the
// README's performance table between its markers (bench/readme.mjs), which nobody edits by hand.
// A benchmark, not a test: it exits 0 whatever the numbers, and says which goals were missed.
//   node scripts/bench.mjs                 every budget; writes bench/results.json and README.md
//   node scripts/bench.mjs --render        the README's table again from the recorded results
//   node scripts/bench.mjs --only analysis,cli,ready,server,edit,bicep,bicep-edit,workspace,catalog,browser,vsix
//                                          some of them; writes bench/partial-results.json
//   node scripts/bench.mjs --out file      writes the results there, and not the README
//   node scripts/bench.mjs --before <commit>
//                                          the "before" column: builds <commit> in a temporary
//                                          worktree with this script, bench/ and the LSP test client
//                                          copied in, measures it there and writes bench/before.json
// Expects a build (npm run bench builds first).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateBicep, generateTemplate } from '../bench/generate.mjs';
import { renderBenchBlock, replaceBenchBlock } from '../bench/readme.mjs';
import { generateWorkspace } from '../bench/workspace.mjs';
import { findChromium, measureFirstDiagnostics } from '../bench/browser.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** What the bench brings into an older commit's worktree to measure it (and writes itself). */
const OWN_FILES = ['scripts/bench.mjs', 'bench', 'test/support/lsp-client.ts'];

/** The commit measured, and whether the tree differs from it (the bench's own files and output aside). */
function commitOf(root) {
  // an older commit unpacked by --before: exactly that commit, and this bench
  if (process.env.BENCH_ARCHIVE_OF) return { commit: process.env.BENCH_ARCHIVE_OF, dirty: false };
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return { commit: undefined, dirty: true };
  const skip = [...OWN_FILES, 'README.md', 'node_modules'].map((p) => `:(exclude)${p}`);
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', '.', ...skip], { cwd: root, encoding: 'utf8' });
  return { commit: head.stdout.trim(), dirty: status.status !== 0 || status.stdout.trim() !== '' };
}

if (process.argv.includes('--render')) {
  // the README's table again from the recorded runs, measuring nothing (after a new --before run)
  const read = (name) => (existsSync(join(ROOT, 'bench', name)) ? JSON.parse(readFileSync(join(ROOT, 'bench', name), 'utf8')) : undefined);
  const now = read('results.json');
  if (!now) throw new Error('no bench/results.json: run npm run bench first');
  const readme = join(ROOT, 'README.md');
  writeFileSync(readme, replaceBenchBlock(readFileSync(readme, 'utf8'), renderBenchBlock(now, read('before.json'))));
  console.log('README.md: performance table rendered from bench/results.json and bench/before.json');
  process.exit(0);
}

const beforeArg = process.argv.indexOf('--before');
if (beforeArg >= 0) {
  measureBefore(process.argv[beforeArg + 1]);
  process.exit(0);
}

/** Measures an older commit with this bench: the commit unpacked (git archive), the bench copied in, built, run. */
function measureBefore(ref) {
  if (!ref) throw new Error('--before needs a commit');
  const commit = spawnSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (!commit) throw new Error(`no commit ${ref}`);
  const dir = mkdtempSync(join(tmpdir(), 'abr-bench-before-'));
  const run = (cmd, args, options = {}) => {
    const r = spawnSync(cmd, args, { cwd: dir, stdio: 'inherit', ...options });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  };
  try {
    run('bash', ['-c', `git -C ${JSON.stringify(ROOT)} archive --format=tar ${commit} | tar -x -C ${JSON.stringify(dir)}`]);
    // the commit's own dependencies, from its lockfile (its compiler may differ from today's), then
    // this bench and its client
    run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
    for (const f of OWN_FILES) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    run('npm', ['run', 'build', '--silent']);
    run(process.execPath, [join(dir, 'scripts', 'bench.mjs'), '--out', join(ROOT, 'bench', 'before.json')], { env: { ...process.env, BENCH_ARCHIVE_OF: commit } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
})();
const wanted = (name) => !only || only.has(name);

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const ms = (start) => performance.now() - start;

/** One row of the table: a figure, what it was measured against, and its goal. */
const results = [];
function record(row) {
  results.push(row);
  const mark = row.ok === undefined ? ' ' : row.ok ? '✓' : '✗';
  console.log(`${mark} ${row.name.padEnd(44)} ${String(row.value).padStart(9)} ${row.unit.padEnd(6)} ${row.goal ? `goal ${row.goal}`.padEnd(16) : ''.padEnd(16)} ${row.detail ?? ''}`);
}

// the commit measured, read before this run writes anything
const measured = commitOf(ROOT);
const templateText = generateTemplate(ROOT);
const lines = templateText.split('\n').length;
const bicepText = generateBicep(ROOT);
const bicepLines = bicepText.split('\n').length;
const workload = `an ARM template of ${round(templateText.length / 1e6, 2)} MB (${lines.toLocaleString('en-US')} lines) with 2,000 custom roles and 2,000 role assignments; ` +
  `a Bicep file of ${round(bicepText.length / 1e6, 2)} MB (${bicepLines.toLocaleString('en-US')} lines) with 2,000 custom roles (5 to 30 actions each) and 2,000 role assignments (half through a role's symbol, \`role.id\`); ` +
  'a workspace of 10,000 JSON files of which 5 % are role files';
console.log(`workload: ${workload}\n`);

// the core's modules where this commit keeps them (core/model, core/analysis since the core was
// given folders; core/ itself before, for the older commits the bench measures too)
const coreModule = (folder, name) => {
  const path = join(ROOT, 'out/server/src/core', folder, `${name}.js`);
  return require(existsSync(path) ? path : join(ROOT, 'out/server/src/core', `${name}.js`));
};

/** A document's analysis as the session makes it: its custom roles indexed, then every rule. */
function analyser(uri) {
  const analysisModule = coreModule('analysis', 'analyze');
  // (older commits had analyze() only: the bench measures them too, for the before/after of the README)
  const analyzeDocument = analysisModule.analyzeDocument ?? ((d, c, o) => ({ diagnostics: analysisModule.analyze(d, c, o) }));
  const { WorkspaceIndex, customRolesOf } = coreModule('model', 'workspace');
  const { loadCatalog } = require('../out/server/src/node/load-catalog.js');
  const { catalog } = loadCatalog({});
  return {
    catalog,
    analyse: (document) => {
      const index = new WorkspaceIndex();
      index.set(uri, customRolesOf(uri, document));
      return analyzeDocument(document, catalog, { workspace: index, uri });
    },
  };
}

/** Each run gets its own copy of a text (caches keyed by text must not answer). */
const variantOf = (text) => (i) => `${text}${' '.repeat(i + 1)}`;

// --- analysis over the bare parse -------------------------------------------------------------
if (wanted('analysis')) {
  const { parseTree } = require('jsonc-parser');
  const { parseRoleDocument } = coreModule('model', 'role-document');
  const { analyse: analyseDocument } = analyser('file:///bench.json');
  const variant = variantOf(templateText);
  const bare = [];
  const full = [];
  let diagnostics = 0;
  const analyse = (text) => analyseDocument(parseRoleDocument(text));
  analyse(variant(100)); // the catalog's lazy parts, once (measured under "catalog")
  for (let i = 0; i < 7; i++) {
    const a = variant(2 * i);
    let t = performance.now();
    parseTree(a, [], { allowTrailingComma: true, disallowComments: false });
    bare.push(ms(t));
    const b = variant(2 * i + 1);
    t = performance.now();
    diagnostics = analyse(b).diagnostics.length;
    full.push(ms(t));
  }
  const ratio = median(full) / median(bare);
  record({ id: 'analysis-ratio', name: 'analysis of the template / bare jsonc parse', value: round(ratio, 2), unit: '×', goal: '≤ 1.5×', ok: ratio <= 1.5,
    extra: { analysisMs: round(median(full)), parseMs: round(median(bare)) },
    detail: `analysis ${round(median(full))} ms, parse ${round(median(bare))} ms (median of 7), ${diagnostics} diagnostics` });
}

// --- CLI start ----------------------------------------------------------------------------------
if (wanted('cli')) {
  const dir = mkdtempSync(join(tmpdir(), 'abr-bench-cli-'));
  const file = join(dir, 'role.json');
  writeFileSync(file, readFileSync(join(ROOT, 'examples', 'vm-restore-operator.json')));
  // a Bicep role file (a real one, with a finding): the CLI loads the Bicep parser for it
  const bicepFile = join(dir, 'role.bicep');
  writeFileSync(bicepFile, readFileSync(join(ROOT, 'test', 'fixtures', 'bicep', 'Azure__ALZ-Bicep__infra-as-code__bicep__modules__customRoleDefinitions__definitions__cafSubscriptionOwnerRole.bicep')));
  const run = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} failed (${r.status})`);
    return ms(t);
  };
  const cliJs = join(ROOT, 'server', 'out', 'cli.js');
  // (a CLI from before Bicep was read reports nothing in it)
  const bicepReport = spawnSync(process.execPath, [cliJs, 'check', bicepFile, '--format', 'json'], { encoding: 'utf8' }).stdout;
  const readsBicep = /"code":\s*"overly-broad-wildcard"/.test(bicepReport);
  const cli = [];
  const bare = [];
  const cliBicep = [];
  run(['-e', '']);
  run([cliJs, 'check', file]);
  for (let i = 0; i < 15; i++) {
    bare.push(run(['-e', '']));
    cli.push(run([cliJs, 'check', file]));
    if (readsBicep) cliBicep.push(run([cliJs, 'check', bicepFile]));
  }
  rmSync(dir, { recursive: true, force: true });
  const over = median(cli) - median(bare);
  const ratio = median(cli) / median(bare);
  record({ id: 'cli-ratio', name: 'CLI check of one role file / bare node -e \'\'', value: round(ratio, 2), unit: '×', goal: '≤ 1.5×', ok: ratio <= 1.5,
    extra: { cliMs: round(median(cli)), nodeMs: round(median(bare)) },
    detail: `cli ${round(median(cli))} ms, node ${round(median(bare))} ms (median of 15)` });
  record({ id: 'cli-start', name: 'CLI check of one role file over node -e \'\'', value: round(over), unit: 'ms', goal: '≤ 150 ms', ok: over <= 150,
    detail: `cli ${round(median(cli))} ms, node ${round(median(bare))} ms (median of 15)` });
  if (readsBicep) {
    record({ id: 'cli-bicep', name: 'CLI check of one Bicep file over node -e \'\'', value: round(median(cliBicep) - median(bare)), unit: 'ms',
      extra: { cliMs: round(median(cliBicep)), nodeMs: round(median(bare)) },
      detail: `cli ${round(median(cliBicep))} ms (the Bicep parser loaded), node ${round(median(bare))} ms (median of 15)` });
  }
}

// --- the language server from its start to the first hover --------------------------------------
if (wanted('ready')) {
  const { LspClient } = require(join(ROOT, 'out/test/support/lsp-client.js'));
  const role = readFileSync(join(ROOT, 'examples', 'crr-operator.json'), 'utf8');
  const lines = role.split('\n');
  const line = lines.findIndex((l) => l.includes('Microsoft.RecoveryServices/'));
  const position = { line, character: lines[line].indexOf('Microsoft.') + 12 };
  const bare = () => {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    return ms(t);
  };
  const ready = async () => {
    const t = performance.now();
    const client = await LspClient.start({ settings: { scanWorkspace: false } });
    await client.open('untitled:ready.json', role);
    const hover = await client.hover('untitled:ready.json', position);
    const took = ms(t);
    await client.stop();
    if (!hover) throw new Error('no hover on the role file');
    return took;
  };
  bare();
  await ready();
  const starts = [];
  const nodes = [];
  for (let i = 0; i < 9; i++) {
    nodes.push(bare());
    starts.push(await ready());
  }
  const ratio = median(starts) / median(nodes);
  record({ id: 'server-ready', name: 'language server started to first hover / bare node -e \'\'', value: round(ratio, 2), unit: '×', goal: '≤ 1.5×', ok: ratio <= 1.5,
    extra: { readyMs: round(median(starts)), nodeMs: round(median(nodes)) },
    detail: `server ${round(median(starts))} ms (spawn, initialize, open a role file, hover), node ${round(median(nodes))} ms (median of 9)` });
}

// --- the server on the template: hover, completion, diagnostics after an edit -------------------
if (wanted('server') || wanted('edit')) {
  const { LspClient } = require('../out/test/support/lsp-client.js');
  const client = await LspClient.start({ settings: {} });
  const uri = 'untitled:bench-template.json';
  let version = 1; // (each edit inserts one character on a line of its own: the positions below stay true)
  const opened = performance.now();
  await client.open(uri, templateText);
  await client.waitForVersion(uri, 1, 120000);
  const firstCheck = ms(opened);
  // positions inside the permission strings, spread over the file
  const actionLines = [];
  const all = templateText.split('\n');
  for (let i = 0; i < all.length; i++) if (/^\s+"Microsoft\.[^"]+",?$/.test(all[i])) actionLines.push(i);
  const at = (k, n) => {
    const line = actionLines[Math.floor((k / n) * actionLines.length)];
    const character = all[line].indexOf('"') + 12;
    return { line, character };
  };
  if (wanted('server')) {
    const measure = async (ask, n) => {
      for (let k = 0; k < 20; k++) await ask(at(k, 20)); // warm-up
      const times = [];
      for (let k = 0; k < n; k++) {
        const p = at(k, n);
        const t = performance.now();
        const r = await ask(p);
        times.push(ms(t));
        if (!r) throw new Error(`no answer at ${JSON.stringify(p)}`);
      }
      return times;
    };
    const hovers = await measure((p) => client.hover(uri, p), 400);
    const completions = await measure((p) => client.complete(uri, p), 400);
    for (const [id, name, times] of [['hover', 'hover on the template', hovers], ['completion', 'completion on the template', completions]]) {
      const p99 = quantile(times, 0.99);
      record({ id: `${id}-p99`, name: `${name} (p99, round trip)`, value: round(p99, 2), unit: 'ms', goal: '≤ 5 ms', ok: p99 <= 5, extra: { p50: round(median(times), 2) },
        detail: `p50 ${round(median(times), 2)} ms, max ${round(Math.max(...times), 2)} ms, 400 requests` });
    }
  }
  if (wanted('edit')) {
    // the server's trace says whether each edit was checked in part (off, as by default, above)
    await client.trace('messages');
    // typing in a permission string: one character per edit, diagnostics awaited each time
    const times = [];
    const server = [];
    let inPart = 0;
    for (let k = 0; k < 40; k++) {
      const p = at(k, 40);
      version++;
      const t = performance.now();
      await client.edit(uri, version, { start: p, end: p }, 'x');
      await client.waitForVersion(uri, version, 120000);
      times.push(ms(t));
      const trace = client.traces.find((l) => l.startsWith(`checked ${uri} (version ${version}) `));
      if (trace?.includes(' in part ')) inPart++;
      const m = / in (\d+) ms$/.exec(trace ?? '');
      if (m) server.push(Number(m[1]));
    }
    const p50 = median(times);
    record({ id: 'edit-diagnostics', name: 'diagnostics after an edit in the template', value: round(p50), unit: 'ms', goal: '≤ 50 ms', ok: p50 <= 50,
      extra: { p90: round(quantile(times, 0.9)), inPart, edits: 40, firstCheckMs: Math.round(firstCheck) },
      detail: `median of 40 edits, p90 ${round(quantile(times, 0.9))} ms; ${inPart}/40 checked in part, server ${round(median(server))} ms; the first full check took ${Math.round(firstCheck)} ms` });
  }
  await client.stop();
}

// --- Bicep: the analysis of the generated file over the bare tree-sitter parse ------------------
/**
 * The Bicep front end of this commit (core/bicep/, on web-tree-sitter with the vendored grammar),
 * and a bare web-tree-sitter parser over the same grammar; undefined when the commit has none.
 */
async function bicepFrontEnd() {
  const parserModule = join(ROOT, 'out/server/src/core/bicep/parser.js');
  if (!existsSync(parserModule)) return undefined;
  const { Language, Parser } = require('web-tree-sitter');
  const grammar = readFileSync(join(ROOT, 'server', 'data', 'tree-sitter-bicep.wasm'));
  const runtime = readFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'));
  const front = await require(parserModule).createBicepParser({ grammar, runtime }); // (sets web-tree-sitter up)
  const bare = new Parser();
  bare.setLanguage(await Language.load(grammar));
  return { front, bare };
}

if (wanted('bicep')) {
  const bicep = await bicepFrontEnd();
  if (!bicep) {
    console.log('- Bicep analysis: this commit has no Bicep front end');
  } else {
    const { catalog, analyse } = analyser('file:///bench.bicep');
    // the language service's parse where this commit gives it the Bicep parser, else the parser itself (the same call)
    const service = coreModule('', 'language-service').createLanguageService(catalog, bicep.front);
    const parse = service.bicep ? (text) => service.parse(text, 'bicep') : (text) => bicep.front.parse(text);
    const bareParse = (text) => {
      const t = performance.now();
      const tree = bicep.bare.parse(text);
      const took = ms(t);
      tree.delete();
      return took;
    };
    const { BicepToJson } = require(join(ROOT, 'out/server/src/core/bicep/to-json.js'));
    // the walk as the front end makes it: over the syntax read into flat arrays where this commit
    // reads it so (core/bicep/syntax.ts), else over web-tree-sitter's nodes
    const syntaxModule = join(ROOT, 'out/server/src/core/bicep/syntax.js');
    const flat = existsSync(syntaxModule) ? require(syntaxModule) : undefined;
    const nodeTypes = flat && new flat.NodeTypes(bicep.bare.language);
    const flatSyntax = flat && new flat.FlatSyntax(nodeTypes);
    const readerModule = join(ROOT, 'out/server/src/core/bicep/reader.js');
    const plainReader = existsSync(readerModule) ? new (require(readerModule).BicepReader)(bicep.bare.language) : undefined;
    const { statementRanges } = require(join(ROOT, 'out/server/src/core/bicep/parser.js'));
    const statementsOf = (tree, text) => {
      if (!flat) return tree.rootNode;
      flatSyntax.reset(text, tree.rootNode.descendantCount);
      return { namedChildren: flatSyntax.statements(tree) };
    };
    const { documentFromTree } = coreModule('model', 'role-document');
    /**
     * The analysis of a text over its bare parse, alternated once warm, and where the analysis's time
     * goes, phase by phase as core/bicep/parser.ts chains them; the median of `runs` (a parse of the
     * bench file with role.id takes seconds: 3 of it; the other takes a third of a second, and 11 of it
     * keep the figure steadier from one run of the bench to the next).
     */
    const measure = (key, name, text, runs = 3) => {
      const variant = variantOf(text);
      // warm: the code the analysis runs is compiled by then, as in an editor's session
      for (let i = 0; i < 3; i++) {
        bareParse(variant(100 + 2 * i));
        analyse(parse(variant(101 + 2 * i)));
      }
      const bare = [];
      const full = [];
      let diagnostics = 0;
      let document;
      for (let i = 0; i < runs; i++) {
        bare.push(bareParse(variant(2 * i)));
        const t = performance.now();
        document = parse(variant(2 * i + 1));
        diagnostics = analyse(document).diagnostics.length;
        full.push(ms(t));
      }
      const ratio = median(full) / median(bare);
      record({ id: `bicep-analysis-ratio${key}`, name: `analysis of ${name} / bare tree-sitter parse`, value: round(ratio, 2), unit: '×', goal: '≤ 1.5×', ok: ratio <= 1.5,
        extra: { analysisMs: round(median(full)), parseMs: round(median(bare)) },
        detail: `analysis ${round(median(full))} ms, parse ${round(median(bare))} ms (median of ${runs}), ${document.roles.length} roles, ${document.assignments.length} assignments, ${diagnostics} diagnostics` });
      // where this commit reads plain statements without the grammar (core/bicep/reader.ts): the
      // reading is that reader's (it reads all of the bench file: test/unit/bicep-reader.test.ts)
      const phases = plainReader ? { read: [], toJson: [], model: [], rules: [] } : { treeSitter: [], toJson: [], model: [], rules: [] };
      for (let i = 0; i < 3; i++) {
        const text = variant(10 + i);
        let t = performance.now();
        let tree;
        let statements;
        if (plainReader) {
          flatSyntax.reset(text, text.length >> 3);
          statements = [];
          for (const [start, , end] of statementRanges(text)) {
            const read = plainReader.statements(flatSyntax, text, start, end);
            if (!read) throw new Error(`the plain reader left a statement of the bench file to the grammar: ${text.slice(start, Math.min(end, start + 200))}`);
            statements.push(...read);
          }
          statements = { namedChildren: statements };
          phases.read.push(ms(t));
        } else {
          tree = bicep.bare.parse(text);
          phases.treeSitter.push(ms(t));
        }
        t = performance.now();
        const front = new BicepToJson(text);
        const root = front.template(statements ?? statementsOf(tree, text));
        phases.toJson.push(ms(t));
        tree?.delete();
        t = performance.now();
        const doc = documentFromTree(text, root, front.problems, 'bicep');
        phases.model.push(ms(t));
        t = performance.now();
        analyse(doc);
        phases.rules.push(ms(t));
      }
      const phase = Object.fromEntries(Object.entries(phases).map(([k, v]) => [`${k}Ms`, round(median(v))]));
      const reading = phase.readMs ?? phase.treeSitterMs;
      record({ id: `bicep-phases${key}`, name: `${name}: reading / to-json / model / rules`, value: reading, unit: 'ms', extra: phase,
        detail: `${plainReader ? 'the plain reader' : 'tree-sitter'} ${reading} ms, the walk to JSON's shape ${phase.toJsonMs} ms, documentFromTree ${phase.modelMs} ms, rules ${phase.rulesMs} ms (median of 3)` });
    };
    measure('', 'the Bicep file', bicepText);
    // the same file with subscriptionResourceId(…) for each role.id: the front end's own cost, over a parse that is not quadratic
    measure('-no-member', 'the Bicep file, role ids as subscriptionResourceId(…)', generateBicep(ROOT, { symbolIds: false }), 11);
  }
}

// --- Bicep: diagnostics after an edit, through the language server ------------------------------
if (wanted('bicep-edit')) {
  const { LspClient } = require('../out/test/support/lsp-client.js');
  const client = await LspClient.start({ settings: {} });
  const uri = 'untitled:bench-template.bicep';
  const opened = performance.now();
  await client.open(uri, bicepText, 'bicep');
  const first = await client.waitForVersion(uri, 1, 600000);
  const firstCheck = ms(opened);
  if (first.length === 0) {
    // (a server that does not read Bicep, as before it was wired, finds nothing in the file)
    console.log('- Bicep diagnostics after an edit: the server of this commit finds nothing in the Bicep file');
  } else {
    await client.trace('messages');
    // one character typed inside a permission string of a role, at roles spread over the file
    const all = bicepText.split('\n');
    const actionLines = [];
    for (let i = 0; i < all.length; i++) if (/^\s+'Microsoft\.[^']+'$/.test(all[i])) actionLines.push(i);
    const edits = 20; // each is a full parse of the file today (seconds): p99 of 20 is their maximum
    const times = [];
    const server = [];
    for (let k = 0; k < edits; k++) {
      const line = actionLines[Math.floor(((k + 0.5) / edits) * actionLines.length)];
      const p = { line, character: all[line].indexOf("'") + 12 };
      const version = k + 2;
      const t = performance.now();
      await client.edit(uri, version, { start: p, end: p }, 'x');
      await client.waitForVersion(uri, version, 600000);
      times.push(ms(t));
      const m = / in (\d+) ms$/.exec(client.traces.find((l) => l.startsWith(`checked ${uri} (version ${version}) `)) ?? '');
      if (m) server.push(Number(m[1]));
    }
    const p50 = median(times);
    const p99 = quantile(times, 0.99);
    record({ id: 'bicep-edit-diagnostics', name: 'diagnostics after an edit in the Bicep file', value: round(p50), unit: 'ms', goal: '≤ 50 ms', ok: p50 <= 50,
      extra: { p99: round(p99), edits, firstCheckMs: Math.round(firstCheck), serverMs: server.length ? round(median(server)) : undefined },
      detail: `median of ${edits} edits, p99 ${round(p99)} ms; server ${server.length ? `${round(median(server))} ms` : 'n/a'}; the first check took ${Math.round(firstCheck)} ms, ${first.length} diagnostics` });
  }
  await client.stop();
}

// --- a workspace of 10,000 JSON files ----------------------------------------------------------
if (wanted('workspace')) {
  const { LspClient } = require('../out/test/support/lsp-client.js');
  const dir = mkdtempSync(join(tmpdir(), 'abr-bench-ws-'));
  const made = generateWorkspace(dir, { files: 10000, roleShare: 0.05, root: ROOT });
  const t = performance.now();
  const client = await LspClient.start({ workspace: dir, settings: {} });
  // ("JSON files", "JSON and Bicep files" since Bicep was read)
  const line = await client.waitForLog(/^Checked \d+ JSON (?:and Bicep )?files of the workspace/, 300000);
  const took = ms(t);
  const status = readFileSync(`/proc/${client.pid}/status`, 'utf8');
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  const published = [...client.published.values()].filter((d) => d.length > 0).length;
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
  record({ id: 'workspace-index', name: `indexing ${made.files.toLocaleString('en-US')} JSON files (${made.roles} role files)`, value: round(took / 1000, 2), unit: 's', goal: '≤ 10 s', ok: took <= 10000,
    detail: `${line.replace(/^Checked /, 'server: ')}; diagnostics for ${published} files` });
  record({ id: 'workspace-memory', name: 'server memory after indexing (peak RSS)', value: Math.round(peak), unit: 'MB', goal: '≤ 300 MB', ok: peak <= 300 });
}

// --- the catalog -------------------------------------------------------------------------------
if (wanted('catalog')) {
  const probe = `
    const { loadCatalog } = require(${JSON.stringify(join(ROOT, 'out', 'server', 'src', 'node', 'load-catalog.js'))});
    global.gc(); const before = process.memoryUsage();
    const t = performance.now();
    const { catalog } = loadCatalog({});
    const loaded = performance.now() - t;
    let n = 0; for (const op of catalog.operations) n += op.name.length > 0 ? 1 : 0;
    catalog.operation('Microsoft.Compute/virtualMachines/read');
    const full = performance.now() - t;
    global.gc(); const after = process.memoryUsage();
    console.log(JSON.stringify({ loaded, full, n, heap: after.heapUsed - before.heapUsed, rss: after.rss - before.rss }));
  `;
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', probe], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout));
  }
  const pick = (k) => median(runs.map((r) => r[k]));
  record({ id: 'catalog-load', name: 'catalog load (index of roles and providers)', value: round(pick('loaded')), unit: 'ms', detail: 'median of 5 fresh processes' });
  record({ id: 'catalog-load-operations', name: `catalog load with all ${runs[0].n.toLocaleString('en-US')} operations`, value: round(pick('full')), unit: 'ms', detail: 'the operations are read on first use' });
  record({ id: 'catalog-heap', name: 'catalog memory (JS heap, all loaded)', value: round(pick('heap') / 2 ** 20), unit: 'MB', detail: `RSS grows ${round(pick('rss') / 2 ** 20)} MB; catalog.json on disk ${round(statSync(join(ROOT, 'server', 'data', 'catalog.json')).size / 2 ** 20)} MB` });
}

// --- the browser: first diagnostics from the worker bundle in Chromium ---------------------------
if (wanted('browser')) {
  const files = [['examples/crr-operator.json', 'json'], ['examples/backup-operators.bicep', 'bicep']];
  if (!findChromium()) {
    record({ id: 'browser-first-diagnostics', name: 'browser: first diagnostics on a role file', value: 'n/a', unit: '', goal: '≤ 1.5 s', detail: 'no chromium here (bash scripts/setup-vscode-e2e.sh installs it)' });
  } else {
    const [json, bicep] = await measureFirstDiagnostics(ROOT, files);
    const s = (x) => round(x / 1000, 2);
    record({ id: 'browser-first-diagnostics', name: 'browser: first diagnostics on a role file', value: s(Math.max(json.ms, bicep.ms)), unit: 's', goal: '≤ 1.5 s', ok: Math.max(json.ms, bicep.ms) <= 1500,
      extra: { jsonMs: round(json.ms), bicepMs: round(bicep.ms), initializedMs: round(json.initializedMs), runs: json.runs },
      detail: `worker bundle read, started, initialized (${round(json.initializedMs)} ms, its catalog inflated) and a role file opened, to its diagnostics, in Chromium: JSON ${round(json.ms)} ms, Bicep ${round(bicep.ms)} ms (grammar loaded), median of ${json.runs} fresh workers each` });
  }
}

// --- the VSIX ------------------------------------------------------------------------------------
if (wanted('vsix')) {
  const out = join(ROOT, 'azure-backup-rbac.vsix');
  const r = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0 && existsSync(out)) {
    record({ id: 'vsix-size', name: 'VSIX size', value: round(statSync(out).size / 2 ** 20, 2), unit: 'MB', detail: 'npm run package' });
  } else {
    record({ id: 'vsix-size', name: 'VSIX size', value: 'n/a', unit: '', detail: `vsce failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}` });
  }
}

const missed = results.filter((r) => r.ok === false);
console.log(`\n${results.filter((r) => r.ok !== undefined).length - missed.length} goals met, ${missed.length} missed${missed.length ? `: ${missed.map((r) => r.id).join(', ')}` : ''}`);
const outArg = process.argv.indexOf('--out');
const file = outArg >= 0 ? resolve(process.argv[outArg + 1]) : join(ROOT, 'bench', only ? 'partial-results.json' : 'results.json');
const run = {
  date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, platform: `${process.platform}-${process.arch}`,
  ...measured, workload, results,
};
writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
console.log(`written to ${pathToFileURL(file).href}`);
if (outArg < 0 && !only) {
  // the README's table: this run, and the recorded "before" run when there is one
  const beforeFile = join(ROOT, 'bench', 'before.json');
  const before = existsSync(beforeFile) ? JSON.parse(readFileSync(beforeFile, 'utf8')) : undefined;
  const readme = join(ROOT, 'README.md');
  writeFileSync(readme, replaceBenchBlock(readFileSync(readme, 'utf8'), renderBenchBlock(run, before)));
  console.log(`README.md: performance table of commit ${run.commit?.slice(0, 7)}${run.dirty ? ' + uncommitted changes' : ''}`);
}
