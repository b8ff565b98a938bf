// The TextMate injection grammar: its patterns, run as JavaScript regular expressions (the same
// syntax as Oniguruma for what the grammar uses), split permission strings into their parts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/harness';

const grammar = JSON.parse(readFileSync(join(REPO, 'syntaxes', 'azure-rbac.injection.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

function parts(value: string): Record<string, string> {
  const re = new RegExp(grammar.repository.permission.match);
  const m = re.exec(`"${value}"`);
  assert.ok(m, `matches ${value}`);
  const out: Record<string, string> = {};
  for (const [i, c] of Object.entries(grammar.repository.permission.captures as Record<string, { name: string }>)) {
    if (m[Number(i)]) out[c.name.split('.').slice(0, 3).join('.')] = m[Number(i)];
  }
  return out;
}

describe('injection grammar', () => {
  it('is contributed as an injection into JSON and JSON with comments', () => {
    const g = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === grammar.scopeName);
    assert.deepEqual(g.injectTo, ['source.json', 'source.json.comments']);
    assert.equal(g.path, './syntaxes/azure-rbac.injection.json');
  });

  it('splits a permission string into provider, resource type and verb', () => {
    assert.deepEqual(parts('Microsoft.Compute/virtualMachines/read'), {
      'entity.name.namespace': 'Microsoft.Compute', 'entity.name.type': 'virtualMachines/', 'support.function.verb': 'read',
    });
    assert.deepEqual(parts('Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'), {
      'entity.name.namespace': 'Microsoft.RecoveryServices', 'entity.name.type': 'locations/', 'support.function.verb': 'backupCrossRegionRestore/action',
    });
  });

  it('marks the wildcard', () => {
    assert.deepEqual(parts('Microsoft.RecoveryServices/Vaults/backupJobs/*'), {
      'entity.name.namespace': 'Microsoft.RecoveryServices', 'entity.name.type': 'Vaults/backupJobs/', 'support.function.verb': '*',
    });
    assert.equal(parts('*/read')['entity.name.namespace'], '*');
  });

  it('leaves other strings alone, and finds role GUIDs', () => {
    assert.equal(new RegExp(grammar.repository.permission.match).exec('"https://schema.management.azure.com/x"'), null);
    assert.equal(new RegExp(grammar.repository.permission.match).exec('"Backup Operator"'), null);
    assert.ok(new RegExp(grammar.repository.guid.match).test("[subscriptionResourceId('x', '00c29273-979b-4161-815c-10b084fb9324')]"));
  });
});
