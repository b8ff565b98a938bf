import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupOperationsMarkdown } from '../../server/src/catalog/backup/backup-docs';
import { ALL_CODES } from '../../server/src/core/analysis/codes';
import { REPO } from '../support/harness';

describe('docs', () => {
  it('docs/backup-operations.md is generated from the backup catalog (npm run docs)', () => {
    assert.equal(readFileSync(join(REPO, 'docs', 'backup-operations.md'), 'utf8'), backupOperationsMarkdown());
  });

  it('docs/rules.md has a section for every diagnostic code', () => {
    const doc = readFileSync(join(REPO, 'docs', 'rules.md'), 'utf8');
    for (const id of ALL_CODES) assert.match(doc, new RegExp(`^## ${id}$`, 'm'), id);
  });

  it('package.json offers a severity setting for every rule id', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['azureBackupRbac.rules'].properties).sort(), [...ALL_CODES].sort());
  });
});
