// `azure-backup-rbac diff --git`: what a change grants, read from real git repositories made in a
// temporary folder with the real role files of test/fixtures and examples/, through the built CLI.
// Each test commits a base, changes it as a pull request would, and reads the report as a reviewer
// (Markdown) or a program (JSON) would.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from '../support/harness';
import { type CliRun, runCli } from '../support/cli';
import type { ChangeReport, FileChangeReport } from '../../server/src/core';

/** git isolated from the machine's and the user's configuration. */
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(REPO, 'test', 'fixtures', 'no-such-gitconfig') };

const BACKUP_READER = 'a795c7a0-d4a2-40c1-ae25-d81f01202912';
const BACKUP_OPERATOR = '00c29273-979b-4161-815c-10b084fb9324';
const CRR_ROLE_ID = '6f1c9e7a-3b2d-4c8e-9f0a-1b2c3d4e5f60';

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A repository holding the given files (repository path → fixture path under the project), committed on main. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'abr-git-diff-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  for (const [to, from] of Object.entries(files)) copy(dir, from, to);
  commit(dir, 'base');
  return dir;
}

function copy(dir: string, from: string, to: string): void {
  mkdirSync(dirname(join(dir, to)), { recursive: true });
  cpSync(join(REPO, from), join(dir, to));
}

function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** Edits a JSON file of the repository. */
function editJson(dir: string, path: string, edit: (json: Record<string, any>) => void): void {
  const json = JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, any>;
  edit(json);
  writeFileSync(join(dir, path), JSON.stringify(json, null, 2) + '\n');
}

function edit(dir: string, path: string, change: (text: string) => string): void {
  const before = readFileSync(join(dir, path), 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${path} changed nothing`);
  writeFileSync(join(dir, path), after);
}

function diffGit(dir: string, ...args: string[]): CliRun {
  return runCli(['diff', '--git', ...args], dir, { env: GIT_ENV });
}

function report(run: CliRun): ChangeReport {
  assert.equal(run.stderr, '', run.stderr);
  return JSON.parse(run.stdout) as ChangeReport;
}

function file(r: ChangeReport, path: string): FileChangeReport {
  const found = r.files.find((f) => f.path === path);
  assert.ok(found, `${path} is not in the report (${r.files.map((f) => f.path).join(', ')})`);
  return found;
}

const names = (list: readonly { name: string }[]) => list.map((g) => g.name);

describe('diff --git: what a change grants', function () {
  this.timeout(120000);
  const made: string[] = [];
  const repo = (files: Record<string, string>) => {
    const dir = repository(files);
    made.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  const WORKSPACE = {
    'roles/crr-operator.json': 'test/fixtures/workspace-roles/roles/crr-operator.json',
    'templates/assign-crr.json': 'test/fixtures/workspace-roles/templates/assign-crr.json',
  };

  /** The CRR operator given every operation of backup jobs by a wildcard, and one of its own taken away by a notAction, committed. */
  const widened = () => {
    const dir = repo(WORKSPACE);
    editJson(dir, 'roles/crr-operator.json', (role) => {
      const block = role.properties.permissions[0];
      block.actions.push('Microsoft.RecoveryServices/Vaults/backupJobs/*');
      block.notActions = ['Microsoft.RecoveryServices/locations/backupCrrJobs/action'];
    });
    commit(dir, 'widen the CRR operator');
    return dir;
  };

  it('counts what a wildcard grants and a notAction takes away, with the Backup operations that go with it', () => {
    const dir = widened();
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 1, 'a change that grants and takes away exits 1');
    const r = report(run);
    assert.deepEqual([r.base.label, r.head.label], ['main~1', 'main']);
    assert.match(r.base.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(r.files.length, 1, 'the template that did not change is not in the report');
    const [role] = file(r, 'roles/crr-operator.json').roles;
    assert.equal(role.change, 'changed');
    assert.equal(role.matchedBy, 'id');
    assert.equal(role.id, CRR_ROLE_ID);
    const effect = role.effect!;
    // the wildcard, after the catalog: every operation of backupJobs, the read the role lacked among them
    assert.deepEqual(names(effect.grants.added), [
      'Microsoft.RecoveryServices/Vaults/backupJobs/backupChildJobs/read', 'Microsoft.RecoveryServices/Vaults/backupJobs/cancel/action',
      'Microsoft.RecoveryServices/Vaults/backupJobs/operationResults/read', 'Microsoft.RecoveryServices/Vaults/backupJobs/operationsStatus/read',
      'Microsoft.RecoveryServices/Vaults/backupJobs/read', 'Microsoft.RecoveryServices/Vaults/backupJobs/retry/action',
    ]);
    assert.deepEqual(names(effect.grants.removed), ['Microsoft.RecoveryServices/Locations/backupCrrJobs/action']);
    assert.deepEqual(effect.grants.byProvider, [{ provider: 'Microsoft.RecoveryServices', plane: 'action', added: 6, removed: 1 }]);
    // the notAction breaks cross-region restore, and nothing new is enabled
    assert.deepEqual(effect.backup.disabled.map((o) => o.id), ['vm-cross-region-restore', 'sql-cross-region-restore']);
    assert.deepEqual(effect.backup.enabled, []);
    assert.deepEqual(effect.escalation, { opened: [], closed: [] });
    assert.deepEqual(r.verdict, {
      grants: true, takesAway: true, undetermined: false, headline: 'Grants more and takes some away.', details: '1 role changed.',
      text: 'Grants more and takes some away. 1 role changed.',
    });
  });

  it('reads as a reviewer needs it in Markdown: the verdict, the table by provider, the operations folded, the Backup operations', () => {
    const dir = widened();
    const run = diffGit(dir, 'main~1..main');
    assert.equal(run.code, 1);
    const lines = run.stdout.split('\n');
    const has = (line: string) => assert.ok(lines.includes(line), `no line\n${line}\nin\n${run.stdout}`);
    assert.equal(lines[0], '## What this change grants');
    assert.match(run.stdout, /^Compared `main~1` \(`[0-9a-f]{7}`\) with `main` \(`[0-9a-f]{7}`\), after wildcards and notActions, over the [\d,]+ operations of the catalog of \d{4}-\d\d-\d\d\.$/m);
    has('**Grants more and takes some away.** 1 role changed.');
    has('### `roles/crr-operator.json`');
    has(`**Custom role changed: Cross-Region Restore Operator** — id \`${CRR_ROLE_ID}\``);
    has('| Microsoft.RecoveryServices | +6 −1 |  |');
    has('<details><summary>Operations: 6 granted, 1 taken away</summary>');
    has('- `Microsoft.RecoveryServices/Vaults/backupJobs/cancel/action`');
    has('- `Microsoft.RecoveryServices/Locations/backupCrrJobs/action`');
    has('- Azure Backup operations no longer enabled (2): `vm-cross-region-restore` Cross region restore (Azure VM); `sql-cross-region-restore` Cross region restore (SQL/HANA)');
    assert.doesNotMatch(run.stdout, /Escalation|symbolic/i, 'nothing of the kind changed');
    // the operations come after the table, granted before taken away
    assert.ok(lines.indexOf('Granted (6):') < lines.indexOf('Taken away (1):'));
  });

  it('reports a new role with all it grants, and a deleted one with all it took away', () => {
    const dir = repo(WORKSPACE);
    copy(dir, 'examples/backup-reader-with-jobs.json', 'roles/monitoring-reader.json');
    rmSync(join(dir, 'roles/crr-operator.json'));
    commit(dir, 'replace the CRR operator');
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 1);
    const r = report(run);
    assert.deepEqual(r.files.map((f) => [f.path, f.status]), [['roles/crr-operator.json', 'deleted'], ['roles/monitoring-reader.json', 'added']]);
    const [removed] = file(r, 'roles/crr-operator.json').roles;
    assert.equal(removed.change, 'removed');
    assert.equal(removed.name?.text, 'Cross-Region Restore Operator');
    assert.equal(removed.effect?.grants.added.length, 0);
    assert.deepEqual(names(removed.effect!.grants.removed), [
      'Microsoft.RecoveryServices/Locations/backupAadProperties/read', 'Microsoft.RecoveryServices/Locations/backupCrossRegionRestore/action',
      'Microsoft.RecoveryServices/Locations/backupCrrJob/action', 'Microsoft.RecoveryServices/Locations/backupCrrJobs/action',
      'Microsoft.RecoveryServices/Locations/backupCrrOperationResults/read', 'Microsoft.RecoveryServices/Locations/backupCrrOperationsStatus/read',
    ]);
    assert.deepEqual(removed.assignableScopes.removed, [{ text: '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f', symbolic: false }]);
    const [added] = file(r, 'roles/monitoring-reader.json').roles;
    const written = JSON.parse(readFileSync(join(REPO, 'examples/backup-reader-with-jobs.json'), 'utf8')) as { Name: string; Actions: string[] };
    assert.equal(added.change, 'added');
    assert.equal(added.name?.text, written.Name);
    // a role of literal operations grants just those
    assert.deepEqual(names(added.effect!.grants.added).map((n) => n.toLowerCase()).sort(), written.Actions.map((a) => a.toLowerCase()).sort());
    assert.equal(r.verdict.text, 'Grants more and takes some away. 1 role added, 1 role removed.');
    const markdown = diffGit(dir, 'main~1..main').stdout;
    assert.match(markdown, /^### `roles\/crr-operator\.json` \(deleted\)$/m);
    assert.match(markdown, /^\*\*Custom role removed: Cross-Region Restore Operator\*\*/m);
    assert.match(markdown, /^### `roles\/monitoring-reader\.json` \(new file\)$/m);
    assert.match(markdown, /^\*\*Custom role added: Backup Monitoring Reader\*\*$/m);
  });

  it('takes a renamed file for one file: an edit shows as a change, a bare rename as nothing', () => {
    const dir = repo(WORKSPACE);
    git(dir, 'mv', 'roles/crr-operator.json', 'roles/cross-region-restore.json');
    commit(dir, 'rename');
    const bare = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(bare.code, 0, 'a rename grants nothing');
    assert.deepEqual(report(bare).files, []);

    editJson(dir, 'roles/cross-region-restore.json', (role) => role.properties.permissions[0].actions.push('Microsoft.RecoveryServices/Vaults/read'));
    git(dir, 'mv', 'roles/cross-region-restore.json', 'roles/crr.json');
    commit(dir, 'rename and widen');
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 1);
    const r = report(run);
    assert.equal(r.files.length, 1, JSON.stringify(r.files.map((f) => f.path)));
    const f = file(r, 'roles/crr.json');
    assert.deepEqual([f.status, f.previousPath], ['renamed', 'roles/cross-region-restore.json']);
    assert.deepEqual(f.roles.map((x) => [x.change, x.movedFrom]), [['changed', undefined]], 'one role changed, not one removed and one added');
    assert.deepEqual(names(f.roles[0].effect!.grants.added), ['Microsoft.RecoveryServices/Vaults/read']);
    assert.match(diffGit(dir, 'main~1..main').stdout, /^### `roles\/crr\.json` \(renamed from `roles\/cross-region-restore\.json`\)$/m);
  });

  it('follows a role moved into another file: it is the same role, and grants the same', () => {
    const dir = repo({ ...WORKSPACE, 'roles/reader.json': 'examples/backup-reader-with-jobs.json' });
    const crr = readFileSync(join(dir, 'roles/crr-operator.json'), 'utf8');
    const reader = readFileSync(join(dir, 'roles/reader.json'), 'utf8');
    writeFileSync(join(dir, 'roles/reader.json'), `[${reader}, ${crr}]`);
    rmSync(join(dir, 'roles/crr-operator.json'));
    commit(dir, 'one file of roles');
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(report(run).files, []);
  });

  it('reads a Bicep role on both sides: matched by its guid(...) name, an escalation path opened, a computed list called symbolic', () => {
    const dir = repo({ 'roles/restore-operator.bicep': 'test/fixtures/workspace-bicep/roles/restore-operator.bicep' });
    edit(dir, 'roles/restore-operator.bicep', (text) => text
      .replace("roleName: 'Restore Operator (Bicep)'", "roleName: 'Restore and Access Operator (Bicep)'")
      .replace("          'Microsoft.RecoveryServices/locations/backupAadProperties/read'\n", "          'Microsoft.RecoveryServices/locations/backupAadProperties/read'\n          'Microsoft.Authorization/roleAssignments/write'\n")
      + "\nparam extraActions array\n\nresource extra 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid(subscription().id, 'extra')\n  properties: {\n"
      + "    roleName: 'Extra'\n    permissions: [\n      {\n        actions: extraActions\n      }\n    ]\n    assignableScopes: [\n      subscription().id\n    ]\n  }\n}\n");
    commit(dir, 'access');
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 1);
    const r = report(run);
    const [changed, added] = file(r, 'roles/restore-operator.bicep').roles;
    assert.equal(changed.change, 'changed');
    assert.equal(changed.matchedBy, 'id', 'renamed, yet found by its name');
    assert.equal(changed.id, "guid(subscription().id,'restore-operator')");
    assert.deepEqual(changed.previousName, { text: 'Restore Operator (Bicep)', symbolic: false });
    assert.deepEqual(names(changed.effect!.grants.added), ['Microsoft.Authorization/roleAssignments/write']);
    assert.deepEqual(changed.effect!.escalation.opened, [{ operation: 'Microsoft.Authorization/roleAssignments/write', what: 'create role assignments' }]);
    // what a parameter holds is known at deployment only: no grant is claimed for it
    assert.equal(added.change, 'added');
    assert.equal(added.effect, undefined);
    assert.match(added.symbolic.join('\n'), /computed at deployment/);
    assert.deepEqual(added.assignableScopes.added, [{ text: 'subscription().id', symbolic: true }]);
    assert.equal(r.verdict.undetermined, true);
    assert.equal(r.verdict.text, 'Grants more, as far as the files tell (some of it is symbolic). 1 role added, 1 role changed, 1 escalation path opened.');
    const markdown = diffGit(dir, 'main~1..main').stdout;
    assert.match(markdown, /^- \*\*Escalation path opened\*\*: holders can create role assignments \(`Microsoft\.Authorization\/roleAssignments\/write`\)$/m);
    assert.match(markdown, /^- Renamed from Restore Operator \(Bicep\)$/m);
    assert.match(markdown, /^- \*Symbolic\*: its permissions are computed at deployment/m);
  });

  it('names an added ARM assignment\'s role (built in, of another file, or by a parameter\'s default) and sums up what it grants', () => {
    const dir = repo(WORKSPACE);
    editJson(dir, 'templates/assign-crr.json', (t) => {
      t.parameters.readerRoleId = { type: 'string', defaultValue: BACKUP_OPERATOR };
      t.resources.push({
        type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid(resourceGroup().id, parameters('operatorsGroupId'), 'reader')]",
        properties: { roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${BACKUP_READER}')]`, principalId: "[parameters('operatorsGroupId')]", principalType: 'Group' },
      }, {
        type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid(resourceGroup().id, parameters('operatorsGroupId'), 'by-parameter')]",
        properties: { roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('readerRoleId'))]", principalId: "[parameters('operatorsGroupId')]" },
      });
    });
    writeFileSync(join(dir, 'templates/assign-crr-again.json'), JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
      resources: [{
        type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: '0c7a6b2e-3f4d-4e5a-8b9c-0d1e2f3a4b5c',
        properties: { roleDefinitionId: `/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/${CRR_ROLE_ID}`, principalId: '11111111-2222-3333-4444-555555555555', principalType: 'User' },
      }],
    }, null, 2));
    commit(dir, 'more assignments');
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 1);
    const r = report(run);
    const template = file(r, 'templates/assign-crr.json');
    assert.equal(template.roles.length, 0);
    const [reader, byParameter] = template.assignments;
    assert.equal(reader.change, 'added');
    assert.deepEqual(reader.fields.role, { kind: 'built-in', name: 'Backup Reader', id: BACKUP_READER, text: `subscriptionResourceId('microsoft.authorization/roledefinitions','${BACKUP_READER}')` });
    assert.deepEqual(reader.fields.principal, { text: "parameters('operatorsGroupId')", symbolic: true });
    assert.deepEqual(reader.fields.scope, { text: "the deployment's resource group", symbolic: true, prose: true });
    assert.ok(reader.summary && reader.summary.operations > 50, JSON.stringify(reader.summary));
    assert.deepEqual(reader.summary.escalation, [], 'a reader opens no escalation path');
    assert.deepEqual(reader.symbolic, []);
    // a parameter's default value is a guess at what will be deployed: named, but no finding rests on it
    assert.equal(byParameter.fields.role.kind, 'symbolic');
    assert.equal(byParameter.fields.role.byDefault, 'Backup Operator');
    assert.equal(byParameter.summary, undefined);
    assert.match(byParameter.symbolic.join('\n'), /computed at deployment.*default values it is Backup Operator/);
    // a custom role of a file the change does not touch, found by its GUID
    const [again] = file(r, 'templates/assign-crr-again.json').assignments;
    assert.deepEqual(again.fields.role, { kind: 'custom', name: 'Cross-Region Restore Operator', id: CRR_ROLE_ID, definedIn: 'roles/crr-operator.json', text: again.fields.role.text });
    assert.deepEqual(again.fields.principal, { text: '11111111-2222-3333-4444-555555555555', symbolic: false });
    assert.equal(again.summary?.operations, 6);
    assert.deepEqual(again.summary?.backup.map((o) => o.id), ['vm-cross-region-restore', 'sql-cross-region-restore']);
    const markdown = diffGit(dir, 'main~1..main').stdout;
    assert.match(markdown, /^\| added \(1\) \| Backup Reader \(built-in\) \| `parameters\('operatorsGroupId'\)` \*\(symbolic\)\* \| Group \| the deployment's resource group \*\(symbolic\)\* \| — \|$/m);
    assert.match(markdown, /^- Assignment 1, added: its role grants \d+ operations \(Microsoft\.RecoveryServices \d+.*; no escalation path$/m);
    assert.match(markdown, /^\| added \(2\) \| `parameters\('readerRoleId'\)` \*\(symbolic; Backup Operator by default\)\* \|/m);
    assert.match(markdown, /^\| added \(1\) \| Cross-Region Restore Operator \(custom, `roles\/crr-operator\.json`\) \| `11111111-2222-3333-4444-555555555555` \| User \|/m);
  });

  it('names a role of the user\'s --roles import as theirs, not as built in', () => {
    const dir = repo(WORKSPACE);
    const imported = JSON.parse(readFileSync(join(REPO, 'test/fixtures/imports/roles.json'), 'utf8')) as { name: string; roleName: string }[];
    editJson(dir, 'templates/assign-crr.json', (t) => {
      t.resources.push({
        type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid(resourceGroup().id, 'imported')]",
        properties: { roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${imported[0].name}')]`, principalId: '11111111-2222-3333-4444-555555555555', principalType: 'User' },
      });
    });
    commit(dir, 'an assignment of an imported custom role');
    const run = diffGit(dir, 'main~1..main', '--roles', join(REPO, 'test/fixtures/imports/roles.json'), '--format', 'json');
    const [added] = file(report(run), 'templates/assign-crr.json').assignments;
    assert.equal(added.fields.role.name, imported[0].roleName);
    assert.equal(added.fields.role.imported, true);
    const markdown = diffGit(dir, 'main~1..main', '--roles', join(REPO, 'test/fixtures/imports/roles.json')).stdout;
    assert.ok(markdown.includes(`${imported[0].roleName} (custom, from --roles)`), markdown);
    assert.ok(!markdown.includes(`${imported[0].roleName} (built-in)`), markdown);
  });

  it('tells a change of an assignment field by field', () => {
    const dir = repo(WORKSPACE);
    editJson(dir, 'templates/assign-crr.json', (t) => {
      t.resources[0].properties.roleDefinitionId = `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${BACKUP_READER}')]`;
    });
    commit(dir, 'reader instead');
    const r = report(diffGit(dir, 'main~1..main', '--format', 'json'));
    const [changed] = file(r, 'templates/assign-crr.json').assignments;
    assert.equal(changed.change, 'changed');
    assert.deepEqual(changed.changed, ['role']);
    assert.equal(changed.previous?.role.name, 'Cross-Region Restore Operator');
    assert.equal(changed.fields.role.name, 'Backup Reader');
    // the same principal with another role: what it gains and loses
    assert.ok(changed.effect!.grants.added.length > 0 && changed.effect!.grants.removed.length > 0);
    assert.deepEqual(changed.effect!.backup.disabled.map((o) => o.id), ['vm-cross-region-restore', 'sql-cross-region-restore']);
    assert.match(diffGit(dir, 'main~1..main').stdout, /\| changed \(1\) \| Cross-Region Restore Operator \(custom, `roles\/crr-operator\.json`\) → \*\*Backup Reader \(built-in\)\*\* \|/);
  });

  it('exits 0 for a change that grants nothing new: a description, a reordering, a file that is no role file', () => {
    const dir = repo({ ...WORKSPACE, 'package.json': 'test/fixtures/workspace-roles/roles/crr-operator.json' });
    editJson(dir, 'roles/crr-operator.json', (role) => {
      role.properties.description = 'Restores VMs in the paired region.';
      role.properties.permissions[0].actions.reverse();
    });
    writeFileSync(join(dir, 'notes.json'), JSON.stringify({ name: 'not a role', version: 2 }));
    commit(dir, 'words');
    const run = diffGit(dir, 'main~1..main', '--format', 'json');
    assert.equal(run.code, 0, run.stdout);
    const r = report(run);
    assert.deepEqual(r.verdict, {
      grants: false, takesAway: false, undetermined: false, headline: 'Grants nothing new and takes nothing away.', details: '1 role changed.',
      text: 'Grants nothing new and takes nothing away. 1 role changed.',
    });
    assert.deepEqual(r.files.map((f) => f.path), ['roles/crr-operator.json'], 'notes.json holds no role: passed over');
    const [role] = r.files[0].roles;
    assert.deepEqual([role.change, role.descriptionChanged, role.rewritten], ['changed', true, true]);
    assert.deepEqual([role.effect?.grants.added, role.effect?.grants.removed], [[], []]);
    const markdown = diffGit(dir, 'main~1..main');
    assert.equal(markdown.code, 0);
    assert.match(markdown.stdout, /^\*\*Grants nothing new and takes nothing away\.\*\* 1 role changed\.$/m);
    assert.match(markdown.stdout, /^- Its permissions were rewritten and grant the same as before, after wildcards and notActions$/m);
    assert.match(markdown.stdout, /^- Description changed$/m);
    assert.doesNotMatch(markdown.stdout, /\| provider \|/, 'no table of what it grants: nothing changed');

    const nothing = diffGit(dir, 'main..main');
    assert.equal(nothing.code, 0);
    assert.match(nothing.stdout, /^\*\*Grants nothing new and takes nothing away\.\*\* No role definition or role assignment changed\.$/m);
  });

  it('compares a commit with the working tree: changed and untracked files, not the ignored ones, within the paths given', () => {
    const dir = repo(WORKSPACE);
    writeFileSync(join(dir, '.gitignore'), 'roles/ignored/\n');
    commit(dir, 'ignore');
    editJson(dir, 'roles/crr-operator.json', (role) => role.properties.permissions[0].actions.pop());
    copy(dir, 'examples/crr-operator.json', 'roles/new-crr.json');
    copy(dir, 'examples/vm-restore-operator.json', 'roles/ignored/vm.json');
    copy(dir, 'examples/vm-restore-operator.json', 'elsewhere/vm.json');
    const run = diffGit(dir, 'HEAD', 'roles', '--format', 'json');
    assert.equal(run.code, 1);
    const r = report(run);
    assert.deepEqual(r.head, { label: 'the working tree' });
    assert.deepEqual(r.files.map((f) => [f.path, f.status, f.roles.map((x) => x.change)]), [
      ['roles/crr-operator.json', 'modified', ['changed']],
      ['roles/new-crr.json', 'added', ['added']],
    ]);
    assert.deepEqual(names(file(r, 'roles/crr-operator.json').roles[0].effect!.grants.removed), ['Microsoft.RecoveryServices/Locations/backupCrrOperationsStatus/read']);
    // without paths, the whole working tree, still without what git ignores
    assert.deepEqual(report(diffGit(dir, 'HEAD', '--format', 'json')).files.map((f) => f.path), ['elsewhere/vm.json', 'roles/crr-operator.json', 'roles/new-crr.json']);
    // from a folder below, paths are the repository's
    const below = diffGit(join(dir, 'roles'), 'HEAD', '.', '--format', 'json');
    assert.deepEqual(report(below).files.map((f) => f.path), ['roles/crr-operator.json', 'roles/new-crr.json']);
    assert.match(diffGit(dir, 'HEAD', 'roles').stdout, /^Compared `HEAD` \(`[0-9a-f]{7}`\) with the working tree, /m);
  });

  it('reads <base>...<head> from where the branch left <base>, as a pull request shows it, not what <base> did since', () => {
    const dir = repo(WORKSPACE);
    const forkPoint = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', '-b', 'feature');
    copy(dir, 'examples/crr-operator.json', 'roles/new-crr.json');
    commit(dir, 'add a CRR role on the branch');
    git(dir, 'checkout', '-q', 'main');
    editJson(dir, 'roles/crr-operator.json', (role) => role.properties.permissions[0].actions.pop());
    commit(dir, 'main narrows the CRR operator meanwhile');
    const feature = git(dir, 'rev-parse', 'feature').trim();

    const threeDot = report(diffGit(dir, 'main...feature', '--format', 'json'));
    assert.deepEqual(threeDot.base, { label: 'merge-base main feature', commit: forkPoint });
    assert.deepEqual(threeDot.head, { label: 'feature', commit: feature });
    assert.deepEqual(threeDot.files.map((f) => [f.path, f.status]), [['roles/new-crr.json', 'added']]);
    // two dots compare the tips: main's own edit shows, turned round, as if the branch made it
    const twoDot = report(diffGit(dir, 'main..feature', '--format', 'json'));
    assert.deepEqual(twoDot.files.map((f) => [f.path, f.status]), [['roles/crr-operator.json', 'modified'], ['roles/new-crr.json', 'added']]);
    // as in git, a side left out is HEAD (main is checked out)
    const fromMain = diffGit(dir, 'feature...');
    assert.equal(fromMain.code, 1, fromMain.stderr);
    assert.match(fromMain.stdout, /^Compared `merge-base feature HEAD` \(`[0-9a-f]{7}`\) with `HEAD` \(`[0-9a-f]{7}`\), /m);
    assert.deepEqual(report(diffGit(dir, 'feature...', '--format', 'json')).files.map((f) => [f.path, f.status]), [['roles/crr-operator.json', 'modified']]);

    // histories with no commit in common have no merge base
    git(dir, 'checkout', '-q', '--orphan', 'unrelated');
    commit(dir, 'an unrelated history');
    const none = diffGit(dir, 'main...unrelated');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^azure-backup-rbac: 'main\.\.\.unrelated' has no merge base: the two revisions share no commit\n/);
    assert.equal(none.stdout, '');
  });

  it('answers a bad revision, a revision like an option and a folder outside git with exit 2 and what is wrong', () => {
    const dir = repo(WORKSPACE);
    for (const [args, message] of [
      [['nope'], /^azure-backup-rbac: unknown revision 'nope': no commit of this repository has that name\n/],
      [['main..nope'], /^azure-backup-rbac: unknown revision 'nope'/],
      [['-p'], /^azure-backup-rbac: a revision cannot start with '-': '-p'\n/],
      [['main..--output=x'], /^azure-backup-rbac: a revision cannot start with '-': '--output=x'\n/],
      [['main...nope'], /^azure-backup-rbac: unknown revision 'nope'/],
      [['main...HEAD...main'], /^azure-backup-rbac: --git takes <base>, <base>..<head> or <base>...<head>, not 'main...HEAD...main'\n/],
      [['main..HEAD..main'], /^azure-backup-rbac: --git takes <base>, <base>..<head> or <base>...<head>, not 'main..HEAD..main'\n/],
      [['...'], /^azure-backup-rbac: --git takes <base>, <base>..<head> or <base>...<head>, not '\.\.\.'\n/],
      [['main', '--format', 'text'], /--format must be markdown or json for diff --git, not 'text'/],
    ] as const) {
      const run = diffGit(dir, ...args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /\n\nUsage:\n/);
      assert.equal(run.stdout, '');
    }
    const outside = mkdtempSync(join(tmpdir(), 'abr-no-git-'));
    made.push(outside);
    const run = runCli(['diff', '--git', 'main'], outside, { env: { ...GIT_ENV, GIT_CEILING_DIRECTORIES: dirname(outside) } });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /is not in a git repository \(git: not a git repository/);
    const misplaced = runCli(['check', 'roles', '--git', 'main'], dir, { env: GIT_ENV });
    assert.equal(misplaced.code, 2);
    assert.match(misplaced.stderr, /^azure-backup-rbac: --git is an option of diff\n/);
  });

  it('keeps the JSON shape it documents', () => {
    const dir = repo(WORKSPACE);
    editJson(dir, 'roles/crr-operator.json', (role) => {
      role.properties.permissions[0].actions.push('Microsoft.RecoveryServices/Vaults/read');
      role.properties.assignableScopes.push('/subscriptions/00000000-0000-0000-0000-000000000001');
    });
    editJson(dir, 'templates/assign-crr.json', (t) => {
      t.resources[0].properties.condition = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'";
    });
    commit(dir, 'shape');
    const r = report(diffGit(dir, 'main~1..main', '--format', 'json'));
    const keys = (o: object) => Object.keys(o).sort();
    assert.deepEqual(keys(r), ['base', 'catalog', 'files', 'head', 'verdict']);
    assert.deepEqual(keys(r.verdict), ['details', 'grants', 'headline', 'takesAway', 'text', 'undetermined']);
    const [roles, template] = [file(r, 'roles/crr-operator.json'), file(r, 'templates/assign-crr.json')];
    assert.deepEqual(keys(roles), ['assignments', 'notes', 'path', 'roles', 'status']);
    const role = roles.roles[0];
    assert.deepEqual(keys(role), ['assignableScopes', 'builtIn', 'change', 'descriptionChanged', 'effect', 'id', 'matchedBy', 'name', 'rewritten', 'symbolic']);
    assert.deepEqual(keys(role.effect!), ['backup', 'escalation', 'grants']);
    assert.deepEqual(keys(role.effect!.grants), ['added', 'byProvider', 'removed']);
    assert.deepEqual(role.effect!.grants.added[0], { name: 'Microsoft.RecoveryServices/Vaults/read', plane: 'action', known: true });
    assert.deepEqual(role.assignableScopes, { added: [{ text: '/subscriptions/00000000-0000-0000-0000-000000000001', symbolic: false }], removed: [] });
    const [assignment] = template.assignments;
    assert.deepEqual(keys(assignment), ['change', 'changed', 'fields', 'name', 'previous', 'summary', 'symbolic']);
    assert.deepEqual(assignment.changed, ['condition']);
    assert.deepEqual(keys(assignment.fields), ['condition', 'principal', 'principalType', 'role', 'scope']);
    assert.equal(assignment.previous?.condition, undefined);
    assert.match(assignment.fields.condition?.text ?? '', /StringEquals 'logs'/);
    assert.deepEqual(keys(assignment.summary!), ['backup', 'byProvider', 'escalation', 'notInCatalog', 'operations']);
    assert.equal(r.verdict.text, 'Grants more and takes some away. 1 role changed, 1 assignment changed.');
  });
});
