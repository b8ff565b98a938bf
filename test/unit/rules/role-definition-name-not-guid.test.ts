import * as assert from 'node:assert/strict';
import type { LanguageService } from '../../../server/src/core/language-service';
import { armTemplate, cliRole, diagnose, expectQuiet, expectRule, quickFixes } from '../../support/harness';
import { bicepService } from '../../support/bicep';

const RULE = 'role-definition-name-not-guid';
const roleResource = (name: string, roleName = '"Backup operator (custom)"') => `    {
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": ${name},
      "properties": { "roleName": ${roleName}, "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": ["[subscription().id]"] }
    }`;
const REST = (props: string) => `{ ${props}, "properties": { "roleName": "Backup operator (custom)", "type": "CustomRole",
  "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] } }`;
const NOT_GUID = (name: string, how: string) => `'${name}' is not a GUID; Azure names role definitions by GUID: ${how}.`;
const BY_HAND = 'give the role a new GUID (New-Guid, uuidgen), or the GUID it has in Azure';

describe(RULE, () => {
  describe('in ARM templates', () => {
    it('reports a name that is not a GUID, and fixes it with guid() over the subscription and the role name', () => {
      const before = armTemplate(roleResource('«"backup-operator"»'), { schema: 'subscription' });
      expectRule(RULE, before, [{ severity: 'error', message: NOT_GUID('backup-operator', "use [guid(…)] over the role's name and its scope") }]);
      const [fix, ...more] = quickFixes(before.replace(/[«»]/g, ''), RULE);
      assert.deepEqual(more, []);
      assert.deepEqual([fix.title, fix.preferred], [`Name the role "[guid(subscription().id, 'Backup operator (custom)')]"`, true]);
      assert.equal(fix.text, before.replace('«"backup-operator"»', `"[guid(subscription().id, 'Backup operator (custom)')]"`));
      assert.deepEqual(diagnose(fix.text).filter((d) => d.code === RULE), []);
    });

    it("fixes with the management group at a management group deployment, and keeps an expression's role name as it is", () => {
      const before = armTemplate(roleResource('"[variables(\'roleName\')]"', '"[concat(\'Backup operator \', variables(\'suffix\'))]"'),
        { schema: 'managementGroup', variables: '"roleName": "backup-operator", "suffix": "(mg)"' });
      expectRule(RULE, before.replace('"[variables(\'roleName\')]"', '«"[variables(\'roleName\')]"»'), [{
        severity: 'error', message: "'backup-operator', the value of '[variables('roleName')]', is not a GUID; Azure names role definitions by GUID: use [guid(…)] over the role's name and its scope.",
      }]);
      assert.equal(quickFixes(before, RULE)[0].text,
        before.replace('"[variables(\'roleName\')]"', `"[guid(managementGroup().id, concat('Backup operator ', variables('suffix')))]"`));
    });

    it('stays quiet on a GUID, guid(), a parameter (whatever its default) and a placeholder', () => {
      for (const name of ['"2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c"', '"[guid(subscription().id, \'backup-operator\')]"', '"[parameters(\'roleGuid\')]"', '"[parameters(\'roleId\')]"', '"{roleDefinitionId}"']) {
        expectQuiet(RULE, armTemplate(roleResource(name), { parameters: '"roleGuid": { "type": "string", "defaultValue": "[newGuid()]" }, "roleId": { "type": "string", "defaultValue": "backup-operator" }' }));
      }
    });
  });

  describe('in role JSON', () => {
    it("reports REST's name and id, and the CLI's Id, with no fix (no template to compute one)", () => {
      expectRule(RULE, REST('"name": «"backup-operator"»'), [{ severity: 'error', message: NOT_GUID('backup-operator', BY_HAND) }]);
      expectRule(RULE, REST('"id": «"/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/backup-operator"»'), [{
        severity: 'error',
        message: "'backup-operator' is not a GUID, and the last segment of '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/backup-operator' must be one: Azure names role definitions by GUID; write the role's GUID.",
      }]);
      const cli = cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"' }).replace('"IsCustom": true,', '"Id": «"backup-operator"»,\n  "IsCustom": true,');
      expectRule(RULE, cli, [{ severity: 'error', message: NOT_GUID('backup-operator', BY_HAND) }]);
      assert.deepEqual(quickFixes(cli.replace(/[«»]/g, ''), RULE), []);
    });

    it('stays quiet where the name is the display name, and on GUIDs, a null Id and placeholders', () => {
      expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"' }));
      expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"' }).replace('"IsCustom": true,', '"Id": null, "IsCustom": true,'));
      expectQuiet(RULE, REST('"name": "2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c"'));
      expectQuiet(RULE, REST('"id": "/providers/Microsoft.Authorization/roleDefinitions/2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c", "name": "2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c"'));
      expectQuiet(RULE, REST('"name": "<role-guid>"'));
    });
  });

  describe('in Bicep', () => {
    let bicep: LanguageService;
    before(async () => {
      bicep = await bicepService();
    });
    const role = (name: string) => `targetScope = 'subscription'
param roleGuid string = newGuid()
var roleName = 'Backup operator (custom)'
resource operator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: ${name}
  properties: {
    roleName: roleName
    permissions: [ { actions: [ 'Microsoft.RecoveryServices/Vaults/read' ] } ]
    assignableScopes: [ subscription().id ]
  }
}
`;
    const found = (text: string) => bicep.diagnostics(bicep.parse(text, 'bicep')).filter((d) => d.code === RULE).map((d) => d.message);

    it('reports a name that is not a GUID, and fixes it with a guid() call over the role name as written', () => {
      const before = role("'backup-operator'");
      assert.deepEqual(found(before), [NOT_GUID('backup-operator', "use guid(…) over the role's name and its scope")]);
      const [fix] = quickFixes(before, RULE, { service: bicep, language: 'bicep' });
      assert.equal(fix.text, role('guid(subscription().id, roleName)'));
      assert.deepEqual(found(fix.text), []);
    });

    it('stays quiet on guid(), a parameter defaulting to newGuid() and a GUID', () => {
      for (const name of ["guid(subscription().id, roleName)", 'roleGuid', "'2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c'"]) assert.deepEqual(found(role(name)), [], name);
    });
  });
});
