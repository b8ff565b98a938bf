// No network, nothing from the workspace run: the bundles hold no network client code of ours, and
// the CLI and the server, with every way out of the process trapped (test/support/no-network.cjs),
// check role files, answer requests and read catalog settings without once using one. Settings
// cannot point them at code: a catalog file is read as JSON, never loaded. The one process of ours
// is `git`, started by the CLI's `diff --git` alone (cli/git-diff.ts).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest } from 'vscode-languageserver-protocol';
import { REPO } from '../support/harness';
import { runCli } from '../support/cli';
import { LspClient } from '../support/lsp-client';
import { sourceLookup } from '../support/source-map';

const TRAP = join(REPO, 'test', 'support', 'no-network.cjs');
const BUNDLES = ['client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'client/out/browser.js', 'server/out/worker.js'];
const RISKY = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'vm', 'worker_threads', 'cluster', 'inspector'];

/** Ways to reach the network or run text as code without a `require`. */
const RISKY_CODE = /\bfetch\(|XMLHttpRequest|new WebSocket|\beval\(|new Function\(/g;

/**
 * Who owns a source file: our own file, by its path; a dependency's, its package (a package's map
 * may lead into its own sources), with the packages it is nested in.
 */
function owner(path: string): string {
  const m = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  return m ? m[1] : path;
}

/** Each bundled module's risky `require`s and code, the module told by the bundle's linked source map. */
function riskyRequires(bundle: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const sourceAt = sourceLookup(JSON.parse(readFileSync(join(REPO, `${bundle}.map`), 'utf8')) as { sources: string[]; mappings: string });
  const add = (line: number, column: number, what: string) => {
    const source = sourceAt(line, column);
    const section = source === undefined ? '(entry)' : owner(relative(REPO, resolve(dirname(join(REPO, bundle)), source)));
    found.set(section, [...(found.get(section) ?? []), what]);
  };
  for (const [n, line] of readFileSync(join(REPO, bundle), 'utf8').split('\n').entries()) {
    for (const m of line.matchAll(/require\("(?:node:)?([a-z_0-9]+)"\)/g)) {
      if (RISKY.includes(m[1])) add(n, m.index, m[1]);
    }
    for (const m of line.matchAll(RISKY_CODE)) add(n, m.index, m[0]);
  }
  return found;
}

/**
 * web-tree-sitter's Emscripten glue (the Bicep parser), bundled into the CLI and the server: it can
 * fetch a .wasm by URL and compile the EM_ASM snippets of a side module. Neither path is taken: the
 * faces hand it the bytes of its runtime and of the grammar (which has no EM_ASM), and the traps
 * below see a Bicep file checked without a fetch or an eval.
 */
const TREE_SITTER_GLUE = { 'node_modules/web-tree-sitter': ['XMLHttpRequest', 'XMLHttpRequest', 'fetch(', 'fetch(', 'eval(', 'eval(', 'fetch('] };

/** The traps' report: one line per use of the network, a child process or code from the workspace. */
const trapped = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);

describe('security', function () {
  this.timeout(120000);
  let ws: string;
  let report: string;
  let marker: string;
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'abr-security-'));
    report = join(ws, '..', `${ws.split('/').pop()}-trap.log`);
    marker = join(ws, '..', `${ws.split('/').pop()}-executed`);
    mkdirSync(join(ws, 'roles'));
    for (const name of ['crr-operator.json', 'vm-restore-operator.json', 'backup-automation.template.json']) {
      writeFileSync(join(ws, 'roles', name), readFileSync(join(REPO, 'examples', name)));
    }
    // a Bicep role file: the Bicep parser (WebAssembly) is loaded and used under the traps too
    writeFileSync(join(ws, 'roles', 'restore.bicep'), "resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid('restore')\n  properties: {\n    roleName: 'Restore'\n    permissions: [ { actions: [ 'Microsoft.RecoveryServices/vaults/backupJobs/reed' ] } ]\n    assignableScopes: [ subscription().id ]\n  }\n}\n");
    // code that leaves a mark if anything runs it, under names a careless loader might take
    const evil = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { value: [] };\n`;
    for (const name of ['evil.js', 'operations.cjs', 'roles.json.js']) writeFileSync(join(ws, name), evil);
    writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'ws', scripts: { postinstall: `node ${join(ws, 'evil.js')}` }, main: 'evil.js' }));
    writeFileSync(join(ws, 'secret.json'), 'root:x:0:0:root:/root:/bin/bash\n');
  });
  after(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(report, { force: true });
    rmSync(marker, { force: true });
  });

  it('bundles no network client, and only the protocol libraries touch processes and sockets', () => {
    const all: Record<string, Record<string, string[]>> = {};
    for (const bundle of BUNDLES) all[bundle] = Object.fromEntries(riskyRequires(bundle));
    // our own code (server/src, client/src) requires none of them; the protocol libraries do, for
    // their transports (sockets, pipes) and for starting the server (the client forks server.js)
    assert.deepEqual(all, {
      'client/out/extension.js': {
        'node_modules/vscode-jsonrpc': ['net'],
        'node_modules/vscode-languageclient': ['child_process', 'child_process'],
      },
      'server/out/server.js': {
        'node_modules/vscode-languageserver': ['child_process'],
        'node_modules/vscode-languageserver/node_modules/vscode-jsonrpc': ['net'],
        ...TREE_SITTER_GLUE,
      },
      // diff --git reads the repository through git (an argument list, no shell)
      'server/out/cli.js': { 'server/src/cli/git-diff.ts': ['child_process'], ...TREE_SITTER_GLUE },
      // the browser client starts its server as a Web Worker and talks to it by postMessage; the
      // worker's glue is the same as above, handed its bytes by the client (browser/host.ts)
      'client/out/browser.js': {},
      'server/out/worker.js': { ...TREE_SITTER_GLUE },
    });
  });

  it('the CLI checks files and reads catalog settings without the network, a child process or workspace code', () => {
    rmSync(report, { force: true });
    const run = (args: string[]) => runCli(args, ws, { nodeOptions: ['--require', TRAP], env: { TRAP_REPORT: report, TRAP_WORKSPACE: ws } });
    const checked = run(['check', '.', '--format', 'sarif']);
    assert.ok(checked.code === 0 || checked.code === 1, checked.stderr);
    const results = JSON.parse(checked.stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.ok(results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('.json')));
    assert.ok(results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'roles/restore.bicep'), 'the Bicep file was checked');
    for (const file of ['evil.js', 'operations.cjs', 'package.json', 'secret.json']) {
      const r = run(['check', 'roles', '--operations', file, '--roles', file]);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.match(r.stderr, new RegExp(`${file.replace('.', '\\.')}: (not JSON|expected)`));
      assert.doesNotMatch(r.stderr, /root:x|writeFileSync/, 'a catalog file that is no catalog is not echoed');
    }
    assert.deepEqual(trapped(report), []);
    assert.ok(!existsSync(marker), 'code in the workspace ran');
  });

  it('diff --git starts git and nothing else, by its path and an argument list', () => {
    rmSync(report, { force: true });
    runCli(['diff', '--git', 'HEAD'], ws, { nodeOptions: ['--require', TRAP], env: { TRAP_REPORT: report, TRAP_WORKSPACE: ws } });
    // the trap refuses the first start, so the command ends there: that first start is git's
    const uses = trapped(report).map((l) => JSON.parse(l) as { what: string; detail: string });
    assert.deepEqual(uses.map((u) => u.what), ['child_process.spawn']);
    assert.match(uses[0].detail, /^\/.*\/git$/, 'git found on the PATH by an absolute path, not through a shell');
    assert.ok(!existsSync(marker), 'code in the workspace ran');
  });

  it('the server answers an editor without the network, a child process or workspace code', async () => {
    rmSync(report, { force: true });
    const client = await LspClient.start({
      workspace: ws, execArgv: ['--require', TRAP], env: { TRAP_REPORT: report, TRAP_WORKSPACE: ws },
      settings: { catalog: { operationsFile: join(ws, 'evil.js'), rolesFile: join(ws, 'secret.json') } },
    });
    try {
      const uri = pathToFileURL(join(ws, 'roles', 'vm-restore-operator.json')).href;
      const text = readFileSync(join(ws, 'roles', 'vm-restore-operator.json'), 'utf8');
      await client.open(uri, text);
      const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0, 30000);
      await client.waitForLog(/^Checked \d+ JSON and Bicep files of the workspace/, 30000);
      await client.hover(uri, { line: 9, character: 20 });
      await client.complete(uri, { line: 9, character: 20 });
      await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ds[0].range, context: { diagnostics: ds } });
      await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ds[0].range, context: { diagnostics: [], only: ['source.fixAll'] } });
      await client.connection.sendRequest('azureBackupRbac/coverage', { uri, role: 0 });
      const bicep = pathToFileURL(join(ws, 'roles', 'restore.bicep')).href;
      await client.open(bicep, readFileSync(join(ws, 'roles', 'restore.bicep'), 'utf8'), 'bicep');
      assert.ok((await client.waitForDiagnostics(bicep, (d) => d.length > 0, 30000)).some((d) => d.code === 'unknown-action'));
      await client.hover(bicep, { line: 4, character: 40 });
      // the catalog settings named code and a file that is no JSON: refused, with the reason, and no content shown
      const errors = client.catalogStatus.flatMap((s) => s.errors);
      assert.ok(errors.some((e) => /evil\.js: not JSON/.test(e)), JSON.stringify(errors));
      assert.ok(errors.some((e) => /secret\.json: not JSON/.test(e)), JSON.stringify(errors));
      assert.doesNotMatch(errors.join('\n'), /root:x|writeFileSync/);
      assert.ok(!client.exited);
    } finally {
      await client.stop();
    }
    assert.deepEqual(trapped(report), []);
    assert.ok(!existsSync(marker), 'code in the workspace ran');
  });

  it('the traps do catch what they guard (a check of the test itself)', () => {
    rmSync(report, { force: true });
    const r = spawnSync(process.execPath, ['--require', TRAP, '-e', `
      try { require('node:https').get('https://example.com'); } catch {}
      try { require('node:child_process').execSync('true'); } catch {}
      try { require(${JSON.stringify(join(ws, 'evil.js'))}); } catch {}
    `], { encoding: 'utf8', env: { ...process.env, TRAP_REPORT: report, TRAP_WORKSPACE: ws } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(trapped(report).map((l) => JSON.parse(l).what), ['https.get', 'child_process.execSync', 'require from the workspace']);
    assert.ok(!existsSync(marker));
  });
});
