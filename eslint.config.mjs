// Lint: the boundaries and habits the code relies on, held by a tool rather than by memory.
// Runs in `npm test` (npm run lint). Type-aware: typescript-eslint reads the tsconfig projects.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** What the analysis core and the catalog may never import: the editor, the protocol, Node IO. */
const IMPURE = [
  { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver-textdocument'], message: 'core/ and catalog/ know nothing of the editor or the protocol; map types in lsp/.' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'worker_threads', 'url'], message: 'core/ and catalog/ do no IO: take data in from the faces (server/src/node/ reads files).' },
  { group: ['**/lsp/*', '**/node/*', '**/cli', '**/cli/*'], message: 'core/ and catalog/ never import the faces.' },
];

/** The faces reach the core through its entry, and the Bicep front end through its own. */
const THROUGH_ENTRY = { group: ['**/core/*', '!**/core/bicep', '**/core/bicep/*', '!**/core/bicep/parser.js', '**/catalog', '**/catalog/*'], message: 'Faces use the core through its entry (server/src/core/index.ts) only, and the Bicep front end through core/bicep/parser.' };
/** The client knows the server only by the protocol module. */
const PROTOCOL_ONLY = { group: ['**/server/src/*', '!**/server/src/protocol'], message: 'The client shares only server/src/protocol.ts with the server.' };
/** What runs in a browser (the worker, the web worker extension host) imports no Node IO and nothing Node-only. */
const NO_NODE = [
  { group: ['**/node/*'], message: 'Code that runs in a browser imports nothing from node/: take what it needs from its host (server/src/lsp/host.ts).' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'worker_threads', 'url', 'vscode-languageserver/node', 'vscode-languageclient/node', 'vscode-jsonrpc/node', 'vscode-languageserver-protocol/node'], message: 'Code that runs in a browser uses no Node built-in and no Node transport.' },
];
/** What the browser entries and their worker share with the desktop: the LSP face, the protocol, the client's shared parts. */
const BROWSER_SERVER = ['server/src/lsp/**/*.ts', 'server/src/browser/**/*.ts', 'server/src/worker.ts', 'server/src/protocol.ts'];
const BROWSER_CLIENT = ['client/src/browser.ts', 'client/src/activate.ts', 'client/src/coverage-view.ts', 'client/src/generate-role.ts', 'client/src/activity-log-command.ts', 'client/src/untitled.ts'];

export default tseslint.config(
  { ignores: ['out/**', '**/out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/e2e/workspace/**', 'test/fixtures/**', 'bench/**', 'scripts/**', '*.mjs'] },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }, 'import-x/extensions': ['.ts', '.js'], 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['server/src/core/**/*.ts', 'server/src/catalog/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: IMPURE }] },
  },
  {
    // the faces (language server, CLI, Node IO, the protocol module) reach the core through its entry
    files: ['server/src/lsp/**/*.ts', 'server/src/cli.ts', 'server/src/cli/**/*.ts', 'server/src/node/**/*.ts', 'server/src/server.ts', 'server/src/protocol.ts'],
    // (and the Bicep front end through its own, loaded only when a Bicep file is met)
    rules: { 'no-restricted-imports': ['error', { patterns: [THROUGH_ENTRY] }] },
  },
  {
    // the language server's browser face (server/src/worker.ts) and what it shares with the Node one
    files: BROWSER_SERVER,
    rules: { 'no-restricted-imports': ['error', { patterns: [THROUGH_ENTRY, ...NO_NODE] }] },
  },
  {
    // the VS Code client knows the server only by the protocol module
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PROTOCOL_ONLY] }] },
  },
  {
    // the browser client (the web worker extension host) and what it shares with the desktop client
    files: BROWSER_CLIENT,
    rules: { 'no-restricted-imports': ['error', { patterns: [PROTOCOL_ONLY, ...NO_NODE] }] },
  },
);
