import * as assert from 'node:assert/strict';
import type { BicepParser } from '../../../server/src/core/bicep/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, analyzeDocument } from '../../../server/src/core/analysis/analyze';
import { WorkspaceIndex, customRolesOf } from '../../../server/src/core/model/workspace';
import { parseRoleDocument } from '../../../server/src/core/model/role-document';
import { REPO, armTemplate, assignmentResource, catalog, expectQuiet, expectRule } from '../../support/harness';
import { CRR, list } from '../../support/backup-sets';
import { CRR_ROLE, loadBicepParser } from '../../support/bicep';

const RULE = 'assignment-scope-insufficient';
const roleWith = (lists: string) => `{
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('r')]",
      "properties": { "roleName": "CRR operator", "permissions": [{ ${lists} }], "assignableScopes": ["[subscription().id]"] }
    }`;
const REF = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', guid(\'r\'))]"';

describe(RULE, () => {
  it('reports a cross-region restore role assigned at a resource group', () => {
    expectRule(RULE, armTemplate(`${roleWith(`"actions": [${list(CRR)}]`)},\n${assignmentResource({ roleDefinitionId: `«${REF}»` })}`), [{
      severity: 'warning',
      message: "'CRR operator' at a resource group is too low for Cross region restore, which needs its permissions at the subscription of the Recovery Services vault; assign it there.",
    }]);
  });

  it('reports a custom role with dataActions assigned at a management group as an error', () => {
    expectRule(RULE, armTemplate(`${roleWith('"actions": [], "dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]')},\n${assignmentResource({ roleDefinitionId: `«${REF}»` })}`, { schema: 'managementGroup' }), [{
      severity: 'error', message: "'CRR operator' has dataActions, so Azure will not assign it at a management group; assign it at a subscription or below.",
    }]);
  });

  it('stays quiet when the scope suffices', () => {
    expectQuiet(RULE, armTemplate(`${roleWith(`"actions": [${list(CRR)}]`)},\n${assignmentResource({ roleDefinitionId: REF })}`, { schema: 'subscription' }));
    expectQuiet(RULE, armTemplate(`${roleWith('"actions": ["Microsoft.RecoveryServices/Vaults/read"]')},\n${assignmentResource({ roleDefinitionId: REF })}`));
  });

  describe('a cross-region restore role assigned at a vault, in every spelling of the vault', () => {
    const PARAMETERS = '"vaultName": { "type": "string" }, "vaultRg": { "type": "string" }, "scopeId": { "type": "string" }';
    const atVault = (scope: string) => armTemplate(`${roleWith(`"actions": [${list(CRR)}]`)},\n${assignmentResource({ roleDefinitionId: REF, scope })}`, { parameters: PARAMETERS });
    const TOO_LOW = "'CRR operator' at a single resource is too low for Cross region restore, which needs its permissions at the subscription of the Recovery Services vault; assign it there.";

    for (const scope of [
      // how `bicep build` writes `scope: vault` (a relative resource name)
      "[format('Microsoft.RecoveryServices/vaults/{0}', parameters('vaultName'))]",
      "[concat('Microsoft.RecoveryServices/vaults/', parameters('vaultName'))]",
      'Microsoft.RecoveryServices/vaults/backup-vault',
      "[resourceId('Microsoft.RecoveryServices/vaults', parameters('vaultName'))]",
      "[extensionResourceId(resourceGroup().id, 'Microsoft.RecoveryServices/vaults', parameters('vaultName'))]",
      "[format('{0}/providers/Microsoft.RecoveryServices/vaults/{1}', resourceGroup().id, parameters('vaultName'))]",
      "[concat(parameters('scopeId'), '/providers/Microsoft.RecoveryServices/vaults/', parameters('vaultName'))]",
      "[concat(subscription().id, '/resourceGroups/', parameters('vaultRg'), '/providers/Microsoft.RecoveryServices/vaults/', parameters('vaultName'))]",
      "[format('/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.RecoveryServices/vaults/{2}', subscription().subscriptionId, parameters('vaultRg'), parameters('vaultName'))]",
    ]) {
      it(`reports the scope ${scope}`, () => {
        expectRule(RULE, atVault(`«${JSON.stringify(scope)}»`), [{ severity: 'warning', message: TOO_LOW }]);
      });
    }

    it("reports the vault's own child assignment (`<vault>/Microsoft.Authorization/<guid>`)", () => {
      expectRule(RULE, armTemplate(`${roleWith(`"actions": [${list(CRR)}]`)},
    {
      "type": "Microsoft.RecoveryServices/vaults/providers/roleAssignments", "apiVersion": "2022-04-01",
      "name": "[concat(parameters('vaultName'), '/Microsoft.Authorization/', guid(parameters('vaultName'), 'crr'))]",
      "properties": { "roleDefinitionId": «${REF}», "principalId": "00000000-0000-0000-0000-000000000001", "principalType": "Group" }
    }`, { parameters: PARAMETERS }), [{ severity: 'warning', message: TOO_LOW }]);
    });

    it('stays quiet when the spelling names a subscription, and when it cannot be told', () => {
      expectQuiet(RULE, atVault(JSON.stringify("[format('/subscriptions/{0}', parameters('scopeId'))]")));
      expectQuiet(RULE, atVault(JSON.stringify("[concat('/subscriptions/', parameters('scopeId'))]")));
      // a whole id passed in: anything from the tenant root to a resource
      expectQuiet(RULE, atVault(JSON.stringify("[parameters('scopeId')]")));
      expectQuiet(RULE, atVault(JSON.stringify("[format('{0}', parameters('scopeId'))]")));
    });

    it('reads a resource group built of pieces as a resource group', () => {
      expectRule(RULE, atVault(`«${JSON.stringify("[format('{0}/resourceGroups/{1}', subscription().id, parameters('vaultRg'))]")}»`), [{
        severity: 'warning', message: /^'CRR operator' at a resource group is too low for Cross region restore/,
      }]);
    });

    describe('in Bicep', () => {
      let parser: BicepParser;
      before(async () => {
        parser = await loadBicepParser();
      });
      const bicep = (assignment: string) => `param vaultName string
param prefix string
${CRR_ROLE}resource vault 'Microsoft.RecoveryServices/vaults@2023-04-01' existing = {
  name: '\${prefix}-vault'
}
${assignment}`;
      const grant = (type: string, head: string) => `resource grant '${type}@2022-04-01' = {
  ${head}
  properties: { roleDefinitionId: crr.id, principalId: '00000000-0000-0000-0000-000000000001', principalType: 'Group' }
}
`;
      const found = (text: string) => {
        const document = parser.parse(text);
        return analyze(document, catalog, {}).filter((d) => d.code === RULE).map((d) => [text.slice(document.lines.offsetAt(d.range.start), document.lines.offsetAt(d.range.end)), d.message]);
      };

      it('reports `scope: vault` (an existing vault named by interpolation)', () => {
        assert.deepEqual(found(bicep(grant('Microsoft.Authorization/roleAssignments', "scope: vault\n  name: guid(vault.id, 'grant')"))), [['vault', TOO_LOW]]);
      });

      it("reports the vault's own child assignment named by interpolation", () => {
        assert.deepEqual(found(bicep(grant('Microsoft.RecoveryServices/vaults/providers/roleAssignments', "name: '${vaultName}/Microsoft.Authorization/${guid(vaultName, 'grant')}'"))).map(([, m]) => m), [TOO_LOW]);
      });

      it('reports a resource group named by interpolation, and stays quiet at the subscription', () => {
        assert.deepEqual(found(`targetScope = 'subscription'\n${bicep(grant('Microsoft.Authorization/roleAssignments', "scope: resourceGroup('${prefix}-rg')\n  name: guid('grant')"))}`).map(([at]) => at), ["resourceGroup('${prefix}-rg')"]);
        assert.deepEqual(found(`targetScope = 'subscription'\n${bicep(grant('Microsoft.Authorization/roleAssignments', "scope: subscription()\n  name: guid('grant')"))}`), []);
      });
    });
  });

  it('judges a role of the same file as it judges the same role in another file (what its name points to elects nothing here)', () => {
    // examples/crr-operator.json: its evidence is cross-region restore; its name also points to the VM's restore
    const role = JSON.parse(readFileSync(join(REPO, 'examples', 'crr-operator.json'), 'utf8')) as { Name: string; Actions: string[] };
    const definition = `{
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('r')]",
      "properties": { "roleName": ${JSON.stringify(role.Name)}, "permissions": [{ "actions": ${JSON.stringify(role.Actions)} }], "assignableScopes": ["[subscription().id]"] }
    }`;
    const assignment = assignmentResource({ roleDefinitionId: REF });
    const messages = (text: string, workspace?: WorkspaceIndex) =>
      analyzeDocument(parseRoleDocument(text), catalog, { workspace, uri: 'file:///ws/main.json' }).diagnostics.filter((d) => d.code === RULE).map((d) => d.message);
    const own = messages(armTemplate(`${definition},\n${assignment}`));
    const elsewhere = new WorkspaceIndex();
    elsewhere.set('file:///ws/roles.json', customRolesOf('file:///ws/roles.json', parseRoleDocument(armTemplate(definition))));
    assert.deepEqual(own, messages(armTemplate(assignment), elsewhere));
    assert.deepEqual(own, ["'Cross-Region Restore Operator' at a resource group is too low for Cross region restore, which needs its permissions at the subscription of the Recovery Services vault; assign it there."]);
  });
});
