// The boundaries ARCHITECTURE.md promises, held by tools: the lint configuration catches a breach
// (shown here on a breach written for the test), and no module of the core or the catalog keeps
// state of its own at module level (caches have owners: a document, a role, a catalog, a session).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from '../support/harness';

interface LintMessage { ruleId: string | null; message: string }

/** Lints a text as if it were the file at `path` (relative to the repository), with the project's configuration. */
async function lint(path: string, text: string): Promise<LintMessage[]> {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(text, { filePath: join(REPO, path) });
  return result.messages;
}

const rules = (messages: LintMessage[]) => messages.map((m) => m.ruleId);

/** A module-level variable, or a map or set made at module level (a constant set of literals is data, not state). */
const MODULE_STATE = /^(export )?let |^(export )?const \w+ = new (Map|WeakMap|Set|WeakSet)\b(?!\(\[)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('architecture: boundaries held by lint', function () {
  this.timeout(60000);

  it('keeps Node IO, the editor and the protocol out of core/ and catalog/', async () => {
    assert.deepEqual(rules(await lint('server/src/core/messages.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('server/src/catalog/wildcard.ts', "import { createConnection } from 'vscode-languageserver/node';\nexport const c = createConnection;\n")), ['no-restricted-imports']);
    // the protocol's plain data types are allowed: they are the core's own shapes
    assert.deepEqual(rules(await lint('server/src/core/messages.ts', "import type { Range } from 'vscode-languageserver-types';\nexport type R = Range;\n")), []);
  });

  it('lets the faces reach the core only through its entry, and the client only the protocol module', async () => {
    assert.deepEqual(rules(await lint('server/src/lsp/to-proto.ts', "import { WorkspaceSession } from '../core/session';\nexport const S = WorkspaceSession;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('server/src/lsp/to-proto.ts', "import { WorkspaceSession } from '../core';\nexport const S = WorkspaceSession;\n")), []);
    assert.deepEqual(rules(await lint('client/src/extension.ts', "import { RULES } from '../../server/src/core';\nexport const r = RULES;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('client/src/extension.ts', "import { COVERAGE_REQUEST } from '../../server/src/protocol';\nexport const c = COVERAGE_REQUEST;\n")), []);
  });

  it('keeps Node out of what runs in a browser: the worker, the LSP face, the browser client and what it shares', async () => {
    assert.deepEqual(rules(await lint('server/src/worker.ts', "import { nodeHost } from './node/host';\nexport const h = nodeHost;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('server/src/lsp/start-server.ts', "import { readTextFile } from '../node/files';\nexport const r = readTextFile;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('server/src/browser/host.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('server/src/lsp/to-proto.ts', "import { TextDocuments } from 'vscode-languageserver/node';\nexport const T = TextDocuments;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('client/src/browser.ts', "import { LanguageClient } from 'vscode-languageclient/node';\nexport const L = LanguageClient;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('client/src/activate.ts', "import * as path from 'node:path';\nexport const p = path;\n")), ['no-restricted-imports']);
    // the faces' rule still holds there, and the Node faces keep Node
    assert.deepEqual(rules(await lint('server/src/lsp/to-proto.ts', "import { WorkspaceSession } from '../core/session';\nexport const S = WorkspaceSession;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('client/src/browser.ts', "import { RULES } from '../../server/src/core';\nexport const r = RULES;\n")), ['no-restricted-imports']);
    assert.deepEqual(rules(await lint('server/src/node/host.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")), []);
    assert.deepEqual(rules(await lint('client/src/extension.ts', "import * as path from 'node:path';\nexport const p = path;\n")), []);
  });

  it('reports a floating promise, and checks import cycles everywhere', async () => {
    assert.deepEqual(rules(await lint('server/src/core/messages.ts', 'async function later(): Promise<void> {}\nexport function now(): void {\n  later();\n}\n')), ['@typescript-eslint/no-floating-promises']);
    const { ESLint } = await import('eslint');
    const config = await new ESLint({ cwd: REPO }).calculateConfigForFile(join(REPO, 'server/src/core/analysis/analyze.ts')) as { rules: Record<string, unknown> };
    assert.deepEqual([config.rules['import-x/no-cycle']].flat()[0], 2);
  });
});

describe('architecture: caches have owners', () => {
  it('no module of core/ or catalog/ keeps a map, a set or a variable at module level', () => {
    const found: string[] = [];
    for (const file of [...sources(join(REPO, 'server/src/core')), ...sources(join(REPO, 'server/src/catalog'))]) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (MODULE_STATE.test(line)) found.push(`${relative(REPO, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });

  it('would see one (the check is not blind): the caches this project had, and not a constant set', () => {
    for (const line of ['const perText = new Map<string, MarkedComment[]>();', 'let previous = new Int32Array(64);', 'export const cache = new WeakMap<Catalog, BackupCatalog>();']) assert.ok(MODULE_STATE.test(line), line);
    assert.ok(!MODULE_STATE.test("const ACCEPTED = new Set(['*/read', '*/register/action']);"));
  });
});
