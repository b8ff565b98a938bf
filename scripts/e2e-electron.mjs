#!/usr/bin/env node
// The same e2e suite through @vscode/test-electron, for machines that can download VS Code
// (a developer laptop). Build first: npm run build.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
const workspace = mkdtempSync(join(tmpdir(), 'abr-e2e-ws-'));
cpSync(join(root, 'test/e2e/workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/e2e/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(e);
  process.exit(1);
}
