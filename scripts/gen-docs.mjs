#!/usr/bin/env node
// Writes the generated docs (docs/backup-operations.md) from the compiled sources; run after a
// build (`npm run docs`). A unit test fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { backupOperationsMarkdown } = require(resolve(root, 'out/server/src/catalog/backup/backup-docs.js'));
writeFileSync(resolve(root, 'docs/backup-operations.md'), backupOperationsMarkdown());
console.log('gen-docs: wrote docs/backup-operations.md');
