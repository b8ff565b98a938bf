// A narrow Problems panel, or a terminal, shows the first 80 characters or so of a message: they
// must carry its point. For every rule, realistic inputs that make it fire (the examples/ files,
// and the inputs of the rule tests) and, per diagnostic, what its first 80 characters must hold:
// the offending value (or the missing permission's last segments, or the subject) and what is
// wrong. A rule of RULE_IDS without a case here fails the test.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzeOptions } from '../../../server/src/core/analysis/analyze';
import { RULE_IDS } from '../../../server/src/core/rules';
import { CRR, ITEM, RESTORE_VAULT_SIDE, list } from '../../support/backup-sets';
import { REPO, armTemplate, assignmentResource, cliRole, diagnose } from '../../support/harness';

const WIDTH = 80;
const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const roleId = (guid: string) => `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]"`;
const BACKUP_OPERATOR = roleId('00c29273-979b-4161-815c-10b084fb9324');
const example = (name: string) => readFileSync(join(REPO, 'examples', name), 'utf8');
const customRole = (name: string, lists: string, scopes = '"[subscription().id]"') => `{
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('r')]",
      "properties": { "roleName": "${name}", "permissions": [{ ${lists} }], "assignableScopes": [${scopes}] }
    }`;
const CUSTOM = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', guid(\'r\'))]"';

interface Case {
  readonly rule: string;
  readonly input: string;
  readonly text: string;
  readonly options?: AnalyzeOptions;
  /** per diagnostic of the rule, in order: what its first 80 characters contain */
  readonly heads: readonly (readonly string[])[];
}

const CASES: readonly Case[] = [
  { rule: 'invalid-role-shape', input: 'actions given as a string', text: cliRole({}).replace('"Actions": []', '"Actions": "Microsoft.Compute/virtualMachines/read"'),
    heads: [['Actions is a string', 'an array of strings']] },
  { rule: 'unknown-action', input: 'a long misspelt restore action (examples)', text: example('vm-restore-operator.json'),
    heads: [["'…/recoveryPoint/restore/action'", 'is not in the catalog']] },
  { rule: 'unknown-action', input: 'a misspelt resource type', text: cliRole({ actions: '"Microsoft.Compute/virtualMachine/read"' }),
    heads: [["'Microsoft.Compute/virtualMachine/read'", 'is not in the catalog']] },
  { rule: 'unknown-action', input: 'an unknown provider', text: cliRole({ actions: '"Microsoft.RecoverySevices/Vaults/backupFabrics/protectionContainers/protectedItems/read"' }),
    heads: [["Unknown resource provider 'Microsoft.RecoverySevices'"]] },
  { rule: 'unknown-action', input: 'an operation of a provider known as of an old snapshot', text: cliRole({ actions: '"Microsoft.DataProtection/backupVaults/backupInstances/frobnicate/action"' }),
    heads: [['frobnicate/action', 'is not in the catalog']] },
  { rule: 'unknown-action', input: 'white space around a long data action', text: cliRole({ dataActions: '" Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"' }),
    heads: [['containers/blobs/read', 'white space']] },
  { rule: 'multiple-wildcards', input: 'two wildcards', text: cliRole({ actions: '"Microsoft.RecoveryServices/*/backupJobs/*"' }),
    heads: [["'Microsoft.RecoveryServices/*/backupJobs/*'", '2 wildcards']] },
  { rule: 'multiple-wildcards', input: 'two wildcards in a long string', text: cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/backupFabrics/*/protectedItems/recoveryPoints/*"' }),
    heads: [["'…/backupFabrics/*/protectedItems/recoveryPoints/*' has 2 wildcards"]] },
  { rule: 'wildcard-matches-nothing', input: 'a misspelt resource type (examples)', text: example('backup-automation.template.json'),
    heads: [["'Microsoft.Compute/virtualMachine/*'", 'matches no']] },
  { rule: 'wildcard-matches-nothing', input: 'a long data-plane wildcard of a misspelt type', text: cliRole({ dataActions: '"Microsoft.Storage/storageAccounts/fileServices/shares/files/*"' }),
    heads: [['shares/files/*', 'matches no']] },
  { rule: 'data-action-in-actions', input: 'a blob data action in actions (examples)', text: example('restore-staging-storage.rest.json'),
    heads: [['containers/blobs/read', 'is a data action', 'move it to dataActions']] },
  { rule: 'data-action-in-actions', input: 'a wildcard of data actions only', text: cliRole({ actions: '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"' }),
    heads: [['containers/blobs/*', 'matches only', 'move it to dataActions']] },
  { rule: 'action-in-data-actions', input: 'a container read in dataActions (examples)', text: example('restore-staging-storage.rest.json'),
    heads: [['blobServices/containers/read', 'control-plane action', 'move it to actions']] },
  { rule: 'duplicate-action', input: 'a read under a wildcard of the same list (examples)', text: example('vm-restore-operator.json'),
    heads: [["'Microsoft.RecoveryServices/Vaults/backupJobs/read'", 'already granted']] },
  { rule: 'duplicate-action', input: 'a long repeat', text: cliRole({ actions: list([`${ITEM}/recoveryPoints/read`, `${ITEM}/recoveryPoints/read`]) }),
    heads: [['recoveryPoints/read', 'already in actions']] },
  { rule: 'invalid-assignable-scope', input: "a subscription's name for its id", text: cliRole({ actions: '"*/read"', scopes: '"/subscriptions/backup-prod/resourceGroups/rg-backup-prod"' }),
    heads: [["'backup-prod'", 'not a subscription id']] },
  { rule: 'invalid-assignable-scope', input: "the root scope, a wildcard, a trailing '/'",
    text: cliRole({ actions: '"*/read"', scopes: `"/", "/subscriptions/*", "${SUB}/resourceGroups/rg-backup-production/"` }),
    heads: [["'/'", 'reserved for built-in roles'], ["'/subscriptions/*'", 'wildcard'], ["'…/rg-backup-production/' ends with '/'"]] },
  { rule: 'invalid-assignable-scope', input: 'a single resource, a second management group',
    text: cliRole({ actions: '"*/read"', scopes: `"${SUB}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1", "/providers/Microsoft.Management/managementGroups/contoso", "/providers/Microsoft.Management/managementGroups/fabrikam"` }),
    heads: [['vaults/v1', 'single resource'], ['managementGroups/fabrikam', 'second management group']] },
  { rule: 'invalid-assignable-scope', input: 'no assignableScopes', text: '{ "Name": "No scopes", "IsCustom": true, "Actions": ["*/read"] }',
    heads: [['no assignableScopes', 'add at least one']] },
  { rule: 'overly-broad-wildcard', input: "'*/write' (examples)", text: example('backup-automation.template.json'),
    heads: [["'*/write' grants", 'operations of', 'list the ones']] },
  { rule: 'privilege-escalation', input: 'a provider wildcard of Microsoft.Authorization (examples)', text: example('backup-automation.template.json'),
    heads: [["'Microsoft.Authorization/*'", 'grant themselves any access']] },
  { rule: 'privilege-escalation', input: 'a long PIM request write', text: cliRole({ actions: '"Microsoft.Authorization/roleAssignmentScheduleRequests/write"' }),
    heads: [['roleAssignmentScheduleRequests/write', 'lets holders grant themselves']] },
  { rule: 'missing-operation-permissions', input: 'a cross-region restore role without backupAadProperties/read (examples)', text: example('crr-operator.json'),
    heads: [["Missing 'Microsoft.RecoveryServices/locations/backupAadProperties/read' for"]] },
  { rule: 'missing-operation-permissions', input: 'a backup role without two long permissions (examples)', text: example('vm-restore-operator.json'),
    heads: [["Missing '…/operationResults/read' and '…/operationsStatus/read'"]] },
  { rule: 'missing-operation-permissions', input: 'a notAction that takes needed permissions away',
    text: cliRole({ actions: list(CRR), notActions: '"Microsoft.RecoveryServices/locations/backupCrr*"' }),
    heads: [['Missing', 'backupCrrJobs/action'], ["'Microsoft.RecoveryServices/locations/backupCrr*' in notActions takes away"]] },
  { rule: 'missing-operation-permissions', input: 'a part at another scope', text: cliRole({ actions: list([...RESTORE_VAULT_SIDE, 'Microsoft.Compute/virtualMachines/write']) }),
    heads: [['Missing', 'resourceGroups/write'], ["Missing 'Microsoft.Compute/virtualMachines/read'"]] },
  { rule: 'missing-operation-permissions', input: 'a declared operation, none of its permissions held', text: cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"' }),
    options: { declaredOperations: ['vm-cross-region-restore'] }, heads: [['Missing', 'backupAadProperties/read', 'and 4 more']] },
  { rule: 'missing-operation-permissions', input: 'an unknown operation id in a directive',
    text: '{\n  // azure-backup-rbac-operations vm-restor\n  "Name": "r", "IsCustom": true, "Actions": ["Microsoft.RecoveryServices/Vaults/read"], "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]\n}',
    heads: [["'vm-restor' is not a backup operation id"]] },
  { rule: 'unknown-role-definition', input: 'a GUID a character from Backup Operator',
    text: armTemplate(assignmentResource({ roleDefinitionId: roleId('00c29273-979b-4161-815c-10b084fb9325') })),
    heads: [["'00c29273-979b-4161-815c-10b084fb9325' names no role"]] },
  { rule: 'assignment-name-not-guid', input: 'newGuid() (examples)', text: example('disk-backup-vault.template.json'),
    heads: [["'[newGuid()]'", 'newGuid()', 'new name at every deployment']] },
  { rule: 'assignment-name-not-guid', input: 'a parameter defaulting to newGuid()',
    text: armTemplate(assignmentResource({ name: '"[parameters(\'rbacGuid\')]"', roleDefinitionId: BACKUP_OPERATOR }), { parameters: '"rbacGuid": { "type": "string", "defaultValue": "[newGuid()]" }' }),
    heads: [["'[parameters('rbacGuid')]' defaults to newGuid()", 'new name']] },
  { rule: 'assignment-name-not-guid', input: 'a legacy child name whose last segment is no GUID',
    text: armTemplate(`{ "type": "Microsoft.Storage/storageAccounts/providers/roleAssignments", "apiVersion": "2022-04-01", "name": "storage/Microsoft.Authorization/owner-grant",
      "properties": { "roleDefinitionId": ${BACKUP_OPERATOR}, "principalId": "p", "principalType": "Group" } }`),
    heads: [["'owner-grant' is not a GUID", 'last segment']] },
  { rule: 'assignment-name-not-guid', input: 'a name that is no GUID', text: armTemplate(assignmentResource({ name: '"backup-operator-assignment"', roleDefinitionId: BACKUP_OPERATOR })),
    heads: [["'backup-operator-assignment' is not a GUID"]] },
  { rule: 'assignment-name-fixed-in-loop', input: 'a copy loop of assignments with one name',
    text: armTemplate(assignmentResource({ name: '"[guid(resourceGroup().id, \'backup-operators\')]"', roleDefinitionId: BACKUP_OPERATOR }).replace('"apiVersion": "2022-04-01",', '"apiVersion": "2022-04-01", "copy": { "name": "operators", "count": 3 },')),
    heads: [["Every assignment of the loop 'operators' gets the same name", 'collide']] },
  { rule: 'role-definition-name-not-guid', input: 'a role definition resource named by its purpose',
    text: armTemplate(customRole('Backup operator', '"actions": ["Microsoft.RecoveryServices/Vaults/read"]').replace('"name": "[guid(\'r\')]"', '"name": "backup-operator"')),
    heads: [["'backup-operator' is not a GUID", 'names role definitions by GUID']] },
  { rule: 'template-placeholder', input: 'a placeholder for the subscription id (examples)', text: example('vm-restore-operator.json'),
    heads: [["'{subscription-id}' is a placeholder", 'filled in']] },
  { rule: 'missing-principal-type', input: "a vault identity's assignment (examples)", text: example('disk-backup-vault.template.json'),
    heads: [['no principalType', '"principalType": "ServicePrincipal"']] },
  { rule: 'assignment-scope-outside-assignable-scopes', input: 'a role assignable at one resource group, assigned at another',
    text: armTemplate(`${customRole('Restore operator', '"actions": ["Microsoft.RecoveryServices/Vaults/read"]', `"${SUB}/resourceGroups/rg-backup"`)},\n${assignmentResource({ roleDefinitionId: CUSTOM, scope: `"${SUB}/resourceGroups/rg-other-team"` })}`),
    heads: [["'Restore operator' cannot be assigned at", 'rg-other-team']] },
  { rule: 'assignment-scope-insufficient', input: 'a cross-region restore role assigned at a resource group',
    text: armTemplate(`${customRole('CRR operator', `"actions": [${list(CRR)}]`)},\n${assignmentResource({ roleDefinitionId: CUSTOM })}`),
    heads: [["'CRR operator' at a resource group is too low", 'Cross region restore']] },
  { rule: 'assignment-scope-insufficient', input: 'a role with dataActions at a management group',
    text: armTemplate(`${customRole('Blob reader', '"actions": [], "dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]')},\n${assignmentResource({ roleDefinitionId: CUSTOM })}`, { schema: 'managementGroup' }),
    heads: [["'Blob reader' has dataActions", 'will not assign it at a management group']] },
  { rule: 'vault-identity-missing-role', input: 'a disk backup without Disk Backup Reader (examples)', text: example('disk-backup-vault.template.json'),
    heads: [["vault's identity lacks Disk Backup Reader", 'assign it']] },
  { rule: 'prefer-group-assignment', input: 'a user principal', text: armTemplate(assignmentResource({ roleDefinitionId: BACKUP_OPERATOR, principalType: '"User"' })),
    heads: [['single user', 'group']] },
  { rule: 'broad-role-for-backup', input: 'Owner at a management group for a backup identity',
    text: armTemplate(assignmentResource({ roleDefinitionId: roleId('8e3af657-a8ff-443c-a75c-2fe8c4bcb635'), principalId: '"[reference(\'deployVmBackup\', \'2019-09-01\', \'Full\').identity.principalId]"' }), { schema: 'managementGroup' }),
    heads: [["'Owner' at a management group", 'use Backup Contributor']] },
  { rule: 'reader-role-grants-writes', input: 'a reader granting a write and a restore (the old Backup Reader)',
    text: cliRole({ actions: '"Microsoft.DataProtection/backupVaults/backupInstances/write", "Microsoft.DataProtection/backupVaults/backupInstances/restore/action"' }).replace('"Test role"', '"Backup Reader"'),
    heads: [["'…/backupInstances/write' is a write"], ["'…/restore/action' lets holders run backup operations"]] },
  { rule: 'reader-role-grants-writes', input: 'a reader whose wildcard grants writes', text: cliRole({ actions: '"Microsoft.Compute/virtualMachines/*"' }).replace('"Test role"', '"VM Reader"'),
    heads: [["'Microsoft.Compute/virtualMachines/*' grants", 'writes, deletes']] },
];

describe('messages carry their point in the first 80 characters', () => {
  it('has a case for every rule', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    assert.deepEqual(RULE_IDS.filter((id) => !covered.has(id)), [], 'rules without a case here');
  });

  for (const c of CASES) {
    it(`${c.rule}: ${c.input}`, () => {
      const found = diagnose(c.text, c.options).filter((d) => d.code === c.rule);
      assert.equal(found.length, c.heads.length, `${c.rule}: expected ${c.heads.length} diagnostics, got:\n${found.map((d) => d.message).join('\n')}`);
      found.forEach((d, i) => {
        const head = d.message.slice(0, WIDTH);
        for (const term of c.heads[i]) assert.ok(head.includes(term), `${JSON.stringify(term)} is not in the first ${WIDTH} characters of:\n${d.message}`);
      });
    });
  }

  it('never lets a value quoted at the head run past them, on the examples and the corpus', () => {
    const dirs = [join(REPO, 'examples'), join(REPO, 'test', 'fixtures', 'corpus')];
    let checked = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        for (const d of diagnose(readFileSync(join(dir, file), 'utf8'))) {
          checked++;
          // an opening quote follows the start, a space or '('; its closing one is followed by punctuation, a space or the end
          const open = /(?:^|[\s(])'/.exec(d.message);
          if (!open || open.index >= WIDTH) continue;
          const close = /'(?=[\s,;:.)?]|$)/g;
          close.lastIndex = open.index + open[0].length;
          const end = close.exec(d.message);
          assert.ok(end && end.index < WIDTH, `${file}: the value quoted first ends past ${WIDTH} characters:\n${d.message}`);
        }
      }
    }
    assert.ok(checked > 40, `only ${checked} diagnostics checked`);
  });
});
