import * as assert from 'node:assert/strict';
import { GlobMatcher } from '../../server/src/core/analysis/glob';
import { relativeToFolders } from '../../server/src/node/paths';

const globs = new GlobMatcher();
const matchesGlob = (path: string, glob: string) => globs.matches(path, glob);

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

  it('keep include and exclude: an exclude wins, an empty include takes every file', () => {
    assert.ok(globs.inScope('roles/a.json', [], []));
    assert.ok(!globs.inScope('roles/a.json', ['templates/**'], []));
    assert.ok(globs.inScope('templates/x/a.json', ['templates/**'], []));
    assert.ok(!globs.inScope('templates/x/a.json', ['templates/**'], ['**/a.json']));
  });

  it('collect the operation ids of every matching glob, once', () => {
    assert.deepEqual(globs.declaredFor('roles/crr.json', { 'roles/*.json': ['vm-restore'], '**/crr.json': ['vm-cross-region-restore', 'vm-restore'], 'other/*': ['x'] }),
      ['vm-restore', 'vm-cross-region-restore']);
  });

  it('take a path relative to the innermost workspace folder holding it, and no sibling that shares a prefix', () => {
    assert.equal(relativeToFolders('/ws/a/roles/x.json', ['/ws', '/ws/a']), 'roles/x.json');
    assert.equal(relativeToFolders('/ws/ab/x.json', ['/ws/a']), '/ws/ab/x.json');
    assert.equal(relativeToFolders('/ws/ab/x.json', ['/ws/a', '/ws/']), 'ab/x.json');
  });
});
