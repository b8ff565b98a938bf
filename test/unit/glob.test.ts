import * as assert from 'node:assert/strict';
import { declaredFor, matchesGlob } from '../../server/src/node/glob';

describe('setting globs', () => {
  it('match like VS Code globs: ** folders, * in a name, {a,b}, and bare names anywhere', () => {
    assert.ok(matchesGlob('roles/crr-operator.json', 'roles/crr-*.json'));
    assert.ok(!matchesGlob('roles/sub/crr-operator.json', 'roles/crr-*.json'));
    assert.ok(matchesGlob('roles/sub/crr-operator.json', 'roles/**/crr-*.json'));
    assert.ok(matchesGlob('roles/crr-operator.json', '**/crr-*.json'));
    assert.ok(matchesGlob('a/b/c/crr-operator.json', 'crr-*.json'));
    assert.ok(matchesGlob('roles/x.jsonc', 'roles/*.{json,jsonc}'));
    assert.ok(!matchesGlob('roles/x.yaml', 'roles/*.{json,jsonc}'));
    assert.ok(matchesGlob('roles\\win.json', 'roles/*.json'));
  });

  it('collect the operation ids of every matching glob, once', () => {
    assert.deepEqual(declaredFor('roles/crr.json', { 'roles/*.json': ['vm-restore'], '**/crr.json': ['vm-cross-region-restore', 'vm-restore'], 'other/*': ['x'] }),
      ['vm-restore', 'vm-cross-region-restore']);
  });
});
