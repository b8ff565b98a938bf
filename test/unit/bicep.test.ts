// The Bicep front end: Bicep text → the model the rules read, through the real grammar
// (tree-sitter-bicep's WebAssembly on web-tree-sitter): the model, and the rules' findings with
// ranges in the Bicep text, for each construct Bicep writes roles and assignments with.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BicepParser, statementRanges } from '../../server/src/core/bicep/parser';
import { BICEP_GRAMMAR as GRAMMAR, crrActions, loadBicepParser } from '../support/bicep';
import { analyze } from '../../server/src/core/analysis/analyze';
import { hover } from '../../server/src/core/features/hover';
import { REPO, catalog } from '../support/harness';
import { canonical } from '../../server/src/core/model/arm/expression';
import type { StringItem } from '../../server/src/core/model/string-item';
import { evaluateItem } from '../../server/src/core/model/workspace';

let parser: BicepParser;

/** The findings of a Bicep text: code, the text they cover, and where (1-based line). */
function findings(text: string): { code: string; covers: string; line: number; message: string }[] {
  const document = parser.parse(text);
  return analyze(document, catalog, { reportSyntaxErrors: true }).map((d) => {
    const start = document.lines.offsetAt(d.range.start);
    return { code: d.code, covers: text.slice(start, document.lines.offsetAt(d.range.end)), line: d.range.start.line + 1, message: d.message };
  });
}

const role = (body: string, scopes = "subscription().id") => `targetScope = 'subscription'
resource crr 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'crr')
  properties: {
    roleName: 'Cross region restore operator'
    permissions: [
      {
${body}
      }
    ]
    assignableScopes: [
      ${scopes}
    ]
  }
}
`;

describe('Bicep front end', () => {
  before(async () => {
    parser = await loadBicepParser();
  });

  it('ships the grammar it says it ships (server/data/tree-sitter-bicep.SOURCES.md)', () => {
    assert.equal(createHash('sha256').update(readFileSync(GRAMMAR)).digest('hex'), '96ccf664c9253400fffff0f4aae9b510e5b8b2f5d1f6f96ef5f7c235da2ca4e7');
  });

  it('models a role definition resource: its name, permissions and assignable scopes, with their offsets', () => {
    const text = role(`        actions: [
          'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
        ]`);
    const document = parser.parse(text);
    assert.equal(document.kind, 'role-file');
    assert.equal(document.roles.length, 1);
    const [r] = document.roles;
    assert.equal(r.name?.value, 'Cross region restore operator');
    const [action] = r.blocks[0].lists.actions.items;
    assert.equal(text.slice(action.node.offset, action.node.offset + action.node.length), "'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'");
    assert.equal(action.value, 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action');
    // a call at the start of a line of a multi-line array is one scope, not an identifier and a parenthesis
    assert.deepEqual(r.assignableScopes.items.map((i) => i.value), ['[subscription().id]']);
    assert.equal(r.id?.value, "[guid(subscription().id, 'crr')]");
  });

  it('reports what the rules find, on the Bicep text: a misspelt action, a missing backup permission', () => {
    const text = role(`        actions: [
          'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
          'Microsoft.RecoveryServices/locations/backupCrrJobs/action'
          'Microsoft.RecoveryServices/locations/backupCrrJob/actions'
          'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read'
          'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'
        ]`);
    const found = findings(text);
    assert.deepEqual(found.map((f) => [f.code, f.covers, f.line]), [
      ['missing-operation-permissions', 'actions', 8],
      ['missing-operation-permissions', 'actions', 8],
      ['unknown-action', "'Microsoft.RecoveryServices/locations/backupCrrJob/actions'", 11],
    ]);
    assert.match(found[0].message, /^Missing '…\/backupAadProperties\/read' and '…\/backupCrrJob\/action' for Cross region restore/);
    // and the note that it needs the restore permissions in addition, which another role may grant
    assert.match(found[1].message, /^Missing 'Microsoft\.RecoveryServices\/Vaults\/read' and 5 more for Cross region restore \(Azure VM\) at the Recovery Services vault: it needs Restore VM's permissions there in addition, unless another role grants them;/);
  });

  it('stays quiet on a complete role, and judges assignable scopes it can read', () => {
    const complete = role(`        actions: [
${crrActions('          ')}
        ]`);
    assert.deepEqual(findings(complete), []);
    assert.deepEqual(findings(role("        actions: [ 'Microsoft.Compute/virtualMachines/read' ]", "'/'")).map((f) => [f.code, f.covers]), [['invalid-assignable-scope', "'/'"]]);
  });

  it('explains the action string and the role GUID under the cursor, not the parameters and variables gathered over the whole text', () => {
    const text = `param principalId string
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
${role("        actions: [ 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action' ]")}`;
    const document = parser.parse(text);
    const action = hover(document, catalog, text.indexOf('backupCrossRegionRestore'));
    assert.match(action?.markdown ?? '', /^`Microsoft\.RecoveryServices\/locations\/backupCrossRegionRestore\/action`\n\nTrigger Cross region restore\./);
    assert.match(action?.markdown ?? '', /_The catalog writes it `Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action`; Azure compares/);
    assert.equal(text.slice(document.lines.offsetAt(action!.range.start), document.lines.offsetAt(action!.range.end)), "'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'");
    assert.match(hover(document, catalog, text.indexOf('acdd72a7') + 3)?.markdown ?? '', /\*\*Reader\*\* · built-in role/);
  });

  it('reads variables and parameters through the ARM evaluator: a mistyped built-in role GUID in a variable', () => {
    const text = `param principalId string
var roles = {
  backupOperator: '00c29273-979b-4161-815c-10b084fb9325'
}
resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roles.backupOperator)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.backupOperator)
    principalId: principalId
    principalType: 'Group'
  }
}
`;
    const found = findings(text);
    assert.deepEqual(found.map((f) => f.code), ['unknown-role-definition']);
    assert.match(found[0].message, /did you mean Backup Operator/);
    // the correct GUID: quiet
    assert.deepEqual(findings(text.replace('fb9325', 'fb9324')), []);
  });

  it('reads real files: the ALZ subscription owner role grants every operation', () => {
    const text = readFileSync(join(REPO, 'test/fixtures/bicep/Azure__ALZ-Bicep__infra-as-code__bicep__modules__customRoleDefinitions__definitions__cafSubscriptionOwnerRole.bicep'), 'utf8');
    const found = findings(text);
    assert.deepEqual(found.map((f) => [f.code, f.covers]), [['overly-broad-wildcard', "'*'"]]);
    assert.equal(parser.parse(text).roles[0].assignableScopes.items[0].value, "[tenantResourceId('Microsoft.Management/managementGroups', parameters('parAssignableScopeManagementGroupId'))]");
  });

  it('reads real files: an assignment whose role comes from a parameter is judged on nothing it cannot know', () => {
    const text = readFileSync(join(REPO, 'test/fixtures/bicep/Azure__azure-docs-bicep-samples__samples__scenarios-rbac__scope.bicep'), 'utf8');
    const document = parser.parse(text);
    assert.equal(document.assignments.length, 1);
    assert.deepEqual(findings(text), []);
  });

  describe('what a resource symbol stands for', () => {
    /** A role given to the managed identity of the vault `vault`, as a Bicep role assignment. */
    const vaultGrant = (symbol: string, role: string) => `resource ${symbol} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, '${role}')
  properties: {
    roleDefinitionId: roleDefinitions('${role}').id
    principalId: vault.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
`;

    const customRole = (scopes: string) => `resource crr 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'crr')
  properties: {
    roleName: 'Cross region restore operator'
    permissions: [ { actions: [ 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action' ] } ]
    assignableScopes: [ ${scopes} ]
  }
}
`;
    const assignment = (scope: string, role = 'crr.id') => `resource grant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: ${scope}
  name: guid(subscription().id, 'grant')
  properties: {
    roleDefinitionId: ${role}
    principalId: '00000000-0000-0000-0000-000000000001'
    principalType: 'Group'
  }
}
`;

    it('`role.id` is the custom role of the same file: its assignable scopes judge where it is assigned', () => {
      const narrow = customRole("'/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/backup'");
      const found = findings(narrow + assignment('subscription()'));
      assert.deepEqual(found.filter((f) => f.code.startsWith('assignment-scope')).map((f) => [f.code, f.covers]), [['assignment-scope-outside-assignable-scopes', 'subscription()']]);
      // assigned in the resource group it may be assigned in: within its scopes, but too low for
      // cross-region restore, which needs the vault's subscription
      assert.deepEqual(findings(narrow + assignment("resourceGroup('backup')")).filter((f) => f.code.startsWith('assignment-scope')).map((f) => [f.code, f.covers]),
        [['assignment-scope-insufficient', "resourceGroup('backup')"]]);
      // `scope: vault` (a resource of the file): a single resource, whose resource group the file
      // does not tell (so not judged against the role's scopes), and too low for the restore
      const withVault = `resource vault 'Microsoft.RecoveryServices/vaults@2023-04-01' = {\n  name: 'v'\n}\n`;
      assert.deepEqual(findings(withVault + narrow + assignment('vault')).filter((f) => f.code.startsWith('assignment-scope')).map((f) => [f.code, f.covers]),
        [['assignment-scope-insufficient', 'vault']]);
    });

    it('`.id` of an existing built-in role and `roleDefinitions(\'<name>\').id` name the built-in role', () => {
      const existing = (guid: string) => `resource backupContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '${guid}'
}
`;
      const document = parser.parse(existing('5e467623-bb1f-42f4-a55d-6e525e11384b') + assignment('resourceGroup()', 'backupContributor.id'));
      assert.equal(document.roles.length, 0, 'an existing role definition is not one the file defines');
      assert.deepEqual(findings(existing('5e467623-bb1f-42f4-a55d-6e525e11384b') + assignment('resourceGroup()', 'backupContributor.id')), []);
      const mistyped = findings(existing('5e467623-bb1f-42f4-a55d-6e525e11384c') + assignment('resourceGroup()', 'backupContributor.id'));
      assert.deepEqual(mistyped.map((f) => f.code), ['unknown-role-definition']);
      assert.match(mistyped[0].message, /Backup Contributor/);
      // the same role by name (Bicep 0.42): resolved, so the rules that read the role judge it
      const byName = parser.parse(assignment('resourceGroup()', "roleDefinitions('Backup Contributor').id"));
      assert.equal(byName.assignments[0].roleDefinitionId?.value, "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoleGuid('Backup Contributor'))]");
    });

    it("a Backup vault's identity given roles through `vault.identity.principalId`, with backup instances nested in the vault", () => {
      const template = (roles: string[]) => `resource vault 'Microsoft.DataProtection/backupVaults@2023-05-01' = {
  name: 'vault'
  identity: { type: 'SystemAssigned' }
  properties: {}
  resource disk 'backupInstances' = {
    name: 'disk1'
    properties: {
      dataSourceInfo: {
        datasourceType: 'Microsoft.Compute/disks'
      }
    }
  }
}
${roles.map((r, i) => vaultGrant(`grant${i}`, r)).join('')}`;
      const lacking = findings(template(['Reader']));
      assert.deepEqual(lacking.map((f) => [f.code, f.covers]), [['vault-identity-missing-role', "'Microsoft.Compute/disks'"], ['vault-identity-missing-role', "'Microsoft.Compute/disks'"]]);
      assert.match(lacking[0].message, /lacks Disk Backup Reader/);
      assert.match(lacking[1].message, /lacks Disk Snapshot Contributor/);
      assert.deepEqual(findings(template(['Disk Backup Reader', 'Disk Snapshot Contributor'])), []);
    });

    it("an `existing` Backup vault is not made by the file: its instances' needs of the vault's identity are not this file's", () => {
      const template = (existing: boolean) => `resource vault 'Microsoft.DataProtection/backupVaults@2023-05-01' ${existing ? 'existing ' : ''}= {
  name: 'vault'
${existing ? '' : "  identity: { type: 'SystemAssigned' }\n  properties: {}\n"}}
resource disk 'Microsoft.DataProtection/backupVaults/backupInstances@2023-05-01' = {
  parent: vault
  name: 'disk1'
  properties: {
    dataSourceInfo: {
      datasourceType: 'Microsoft.Compute/disks'
    }
  }
}
${vaultGrant('grant', 'Reader')}`;
      assert.deepEqual(findings(template(true)).filter((f) => f.code === 'vault-identity-missing-role'), []);
      assert.deepEqual(findings(template(false)).filter((f) => f.code === 'vault-identity-missing-role').map((f) => f.covers), ["'Microsoft.Compute/disks'", "'Microsoft.Compute/disks'"]);
    });

    it("a Backup vault's identity given Disk Backup Reader without a scope, for an `existing` disk of another resource group", () => {
      const template = (diskScope: string, grantScope: string) => `resource disk 'Microsoft.Compute/disks@2023-04-02' existing = {
  name: 'os-disk'
${diskScope}}
resource vault 'Microsoft.DataProtection/backupVaults@2023-05-01' = {
  name: 'vault'
  identity: { type: 'SystemAssigned' }
  properties: {}
  resource instance 'backupInstances' = {
    name: 'disk1'
    properties: {
      dataSourceInfo: {
        datasourceType: 'Microsoft.Compute/disks'
        resourceID: disk.id
      }
      policyInfo: {
        policyId: 'p'
        policyParameters: {
          dataStoreParametersList: [
            { objectType: 'AzureOperationalStoreParameters', dataStoreType: 'OperationalStore', resourceGroupId: resourceGroup().id }
          ]
        }
      }
    }
  }
}
resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, 'reader')
${grantScope}  properties: {
    roleDefinitionId: roleDefinitions('Disk Backup Reader').id
    principalId: vault.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
resource snapshots 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, 'snapshots')
  properties: {
    roleDefinitionId: roleDefinitions('Disk Snapshot Contributor').id
    principalId: vault.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
`;
      const elsewhere = findings(template("  scope: resourceGroup('disks-rg')\n", ''));
      assert.deepEqual(elsewhere.map((f) => [f.code, f.covers]), [['vault-identity-missing-role', "roleDefinitions('Disk Backup Reader').id"]]);
      assert.match(elsewhere[0].message, /^Disk Backup Reader does not reach the disk: the Backup vault's identity gets it on the deployment's resource group \(the assignment has no scope\), but the disk is in the resource group 'disks-rg'/);
      // the disk in the deployment's resource group, or the role given on the disk itself
      assert.deepEqual(findings(template('', '')), []);
      assert.deepEqual(findings(template('', '  scope: disk\n')), []);
    });

    it('a list kept in a variable is read where it is written', () => {
      const text = `var restoreActions = [
  'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
  'Microsoft.RecoveryServices/locations/backupCrrJob/actions'
]
resource crr 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'crr')
  properties: {
    roleName: 'Cross region restore operator'
    permissions: [ { actions: restoreActions } ]
    assignableScopes: [ subscription().id ]
  }
}
`;
      const found = findings(text);
      assert.deepEqual(found.filter((f) => f.code === 'unknown-action').map((f) => [f.covers, f.line]), [["'Microsoft.RecoveryServices/locations/backupCrrJob/actions'", 3]]);
    });

    it('an object spread (...common) adds the properties of the variable it names; one not known keeps what it may add open', () => {
      const assignment = (spread: string) => `param principalId string
param extra object
var common = {
  principalType: 'ServicePrincipal'
}
resource a 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid('a')
  properties: {
    ${spread}
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00c29273-979b-4161-815c-10b084fb9324')
    principalId: principalId
  }
}
`;
      assert.deepEqual(findings(assignment('...common')), [], 'the spread supplies principalType');
      assert.equal(parser.parse(assignment('...common')).assignments[0].principalType?.value, 'ServicePrincipal');
      assert.deepEqual(findings(assignment('...extra')), [], 'a parameter may supply it: no finding on a guess');
      assert.deepEqual(findings(assignment('// none')).map((f) => f.code), ['missing-principal-type']);
    });

    it('targetScope and union() of literal arrays are read as a deployment would', () => {
      const text = `targetScope = 'managementGroup'
var base = [ '/providers/Microsoft.Management/managementGroups/contoso' ]
resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid('r')
  properties: {
    roleName: 'r'
    permissions: [ { actions: [ 'Microsoft.Compute/virtualMachines/read' ] } ]
    assignableScopes: base
  }
}
var roles = union({ reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }, { backupReader: 'a795c7a0-d4a2-40c1-ae25-d81f01202912' })
resource a 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid('a')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.backupReader)
    principalId: '00000000-0000-0000-0000-000000000001'
    principalType: 'Group'
  }
}
`;
      assert.deepEqual(findings(text), []);
      assert.deepEqual(findings(text.replace("backupReader: 'a795c7a0-d4a2-40c1-ae25-d81f01202912'", "backupReader: 'a795c7a0-d4a2-40c1-ae25-d81f01202913'")).map((f) => f.code), ['unknown-role-definition']);
    });
  });

  it('parses each top-level statement alone, its decorators with it (multi-line ones too)', () => {
    const text = `// header
targetScope = 'subscription'
@description('x')
@allowed([
  'a'
])
param p string = 'a'

var v = {
  resource: 'not a declaration: indented'
}
resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
}
`;
    const pieces = statementRanges(text).map(([start, declaration, end]) => [text.slice(start, declaration), text.slice(declaration, end)]);
    assert.deepEqual(pieces, [
      ['// header\n', "targetScope = 'subscription'\n"],
      ["@description('x')\n@allowed([\n  'a'\n])\n", "param p string = 'a'\n\n"],
      ['', "var v = {\n  resource: 'not a declaration: indented'\n}\n"],
      ['', "resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n}\n"],
    ]);
  });

  it('leaves out a statement it cannot read, and still reads the resources after it', () => {
    const text = `import { roleType } from 'br/public:avm/utl/types/avm-common-types:0.5.1'
@@@ not bicep @@@
${role("        actions: [ 'Microsoft.Compute/virtualMachine/read' ]").replace("targetScope = 'subscription'\n", '')}`;
    const found = findings(text);
    assert.ok(found.some((f) => f.code === 'unknown-action' && f.covers === "'Microsoft.Compute/virtualMachine/read'"), JSON.stringify(found));
    const unread = found.filter((f) => f.code === 'bicep-statement-not-read');
    assert.ok(unread.length > 0 && unread.every((f) => f.message.startsWith('Not checked: this Bicep statement could not be read')), JSON.stringify(unread));
    assert.ok(!found.some((f) => f.code === 'invalid-json'), 'Bicep is not JSON: no JSON syntax finding');
  });

  it('reports what it cannot read inside a statement it reads, and still reads the rest of it', () => {
    const text = role(`        actions: [
          "Microsoft.Compute/virtualMachines/read"
          'Microsoft.Compute/virtualMachine/read'
        ]`);
    const found = findings(text);
    // the double-quoted string is no Bicep: said where it is; the misspelt action beside it is still found
    assert.deepEqual(found.filter((f) => f.code === 'bicep-statement-not-read').map((f) => [f.covers, f.line]), [['"', 9], ['"', 9]]);
    assert.deepEqual(found.filter((f) => f.code === 'unknown-action').map((f) => f.covers), ["'Microsoft.Compute/virtualMachine/read'"]);
  });

  it("reads strings as Bicep writes them: the escape \\$, and a literal that starts with '[' is no ARM expression", () => {
    const document = parser.parse(role(`        actions: [
          'Microsoft.Compute/virtualMachines/read'
        ]`).replace("roleName: 'Cross region restore operator'", "roleName: '[ops] restore \\${region}'"));
    assert.equal(document.roles[0].name?.value, '[ops] restore ${region}');
    assert.equal(document.roles[0].name?.expression, false);
  });

  it('reads `??`, `.?` and `x!` of newer Bicep as it compiles them: symbolic unless what decides is known', () => {
    const text = `targetScope = 'subscription'
param roleName string?
param scope string
param settings object
param principal string?
resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'r')
  properties: {
    roleName: roleName ?? 'Backup operator'
    description: 'Backup operator' ?? roleName
    permissions: [
      {
        actions: [
          'Microsoft.Compute/virtualMachines/read'
        ]
      }
    ]
    assignableScopes: [
      scope!
      subscription().id
    ]
  }
}
resource a 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, 'a')
  properties: {
    roleDefinitionId: r.id
    principalId: settings.?identity.?principalId ?? concat(principal!, '')
    principalType: null ?? 'Group'
  }
}
`;
    const document = parser.parse(text);
    assert.deepEqual(document.syntaxProblems, []);
    const [role] = document.roles;
    const [assignment] = document.assignments;
    const value = (item: StringItem | undefined, env = role.template?.env) => canonical(evaluateItem(item!, env));
    // what a parameter without a default holds is known only at deployment: the name stays symbolic
    assert.equal(value(role.name), "coalesce(parameters('roleName'),'Backup operator')");
    assert.equal(role.description, undefined);
    assert.deepEqual(role.assignableScopes.items.map((i) => value(i)), ["parameters('scope')", 'subscription().id']);
    assert.equal(value(assignment.principalId, assignment.template?.env), "coalesce(parameters('settings').identity.principalId,concat(parameters('principal'),''))");
    assert.equal(value(assignment.principalType, assignment.template?.env), "'Group'");
    // a literal on the left decides: no finding rests on the unknown right
    const known = parser.parse(text.replace("roleName: roleName ?? 'Backup operator'", "roleName: 'Backup operator' ?? roleName"));
    assert.equal(value(known.roles[0].name, known.roles[0].template?.env), "'Backup operator'");
    assert.deepEqual(findings(text).filter((f) => f.code === 'bicep-statement-not-read'), []);
  });

  it('never throws on any prefix of a real file (a file being typed)', () => {
    const text = readFileSync(join(REPO, 'test/fixtures/bicep/Azure__ALZ-Bicep__infra-as-code__bicep__modules__customRoleDefinitions__definitions__cafSubscriptionOwnerRole.bicep'), 'utf8');
    for (let end = 0; end <= text.length; end += 7) {
      const prefix = text.slice(0, end);
      for (const d of analyze(parser.parse(prefix), catalog, { reportSyntaxErrors: true })) {
        assert.ok(d.range.end.line <= prefix.split('\n').length, `a finding past the text at ${end}`);
      }
    }
  });
});
