// The VSIX as users install it: bundles, catalog, docs, grammars, icon, licence; no sources, tests
// or node_modules; small; declared for untrusted workspaces (Restricted Mode).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { REPO } from '../support/harness';

/** The entries of a zip file, read from its central directory. */
function zipEntries(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('VSIX package', function () {
  this.timeout(120000);
  let dir: string;
  let vsix: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'abr-vsix-'));
    vsix = join(dir, 'azure-backup-rbac.vsix');
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ships the bundles, the catalog, the docs, the grammars (TextMate, and Bicep\'s WebAssembly with its runtime), the icon and the licence, and nothing else', () => {
    const names = [...zipEntries(vsix).keys()].filter((n) => n.startsWith('extension/')).sort();
    assert.deepEqual(names, [
      'extension/LICENSE.txt', 'extension/client/out/browser.js', 'extension/client/out/extension.js', 'extension/docs/backup-operations.md', 'extension/docs/github-action.md', 'extension/docs/rules.md',
      'extension/images/icon.png', 'extension/package.json', 'extension/readme.md', 'extension/server/data/catalog.json',
      'extension/server/data/tree-sitter-bicep.wasm', 'extension/server/out/cli.js', 'extension/server/out/server.js',
      'extension/server/out/web-tree-sitter.wasm', 'extension/server/out/worker.js', 'extension/syntaxes/azure-rbac.bicep-injection.json',
      'extension/syntaxes/azure-rbac.injection.json', 'extension/syntaxes/bicep.language-configuration.json',
    ]);
  });

  it('is under 5 MB', () => {
    assert.ok(statSync(vsix).size < 5 * 1024 * 1024, `${statSync(vsix).size} bytes`);
  });

  it('declares what it does in untrusted workspaces: it reads, and ignores the settings that name other files', () => {
    const pkg = JSON.parse(zipEntries(vsix).get('extension/package.json')!.toString('utf8'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    // every setting naming a file to read, or how much to read, is restricted (test/e2e-untrusted shows VS Code honours it)
    const properties = pkg.contributes.configuration.properties as Record<string, { type?: string }>;
    const reading = Object.keys(properties).filter((k) => /File$|maxFileSize$/.test(k));
    assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), reading.sort());
    assert.equal(pkg.main, './client/out/extension.js');
  });

  it('runs in browsers too (vscode.dev, github.dev): a browser entry, and virtual workspaces supported in part', () => {
    const pkg = JSON.parse(zipEntries(vsix).get('extension/package.json')!.toString('utf8'));
    assert.equal(pkg.browser, './client/out/browser.js');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    // the import commands read the disk: offered where the desktop client sets the context key
    const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
    for (const command of ['azureBackupRbac.importOperationsFile', 'azureBackupRbac.importRolesFile']) {
      assert.equal(palette.find((m) => m.command === command)?.when, 'azureBackupRbac.importsCatalogFiles', command);
    }
  });
});
