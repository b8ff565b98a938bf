#!/usr/bin/env node
// `npm start`: checks the bundled examples with the CLI, as a first look at what the checker
// reports. The examples hold mistakes on purpose, so their error exit code is not a failure here.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const r = spawnSync(process.execPath, [resolve(root, 'server/out/cli.js'), 'check', 'examples', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (r.status === 2 || r.status === null) process.exit(r.status ?? 2);
console.log('\nThese are the bundled examples, with mistakes on purpose. Check your own files with:\n  node server/out/cli.js check <files or folders> [--format text|json|sarif]');
