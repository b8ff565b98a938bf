import * as assert from 'node:assert/strict';
import type { LanguageService } from '../../../server/src/core/language-service';
import { armTemplate, diagnose, expectQuiet, expectRule, quickFixes } from '../../support/harness';
import { bicepService } from '../../support/bicep';

const RULE = 'assignment-name-fixed-in-loop';
const BACKUP_OPERATOR = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00c29273-979b-4161-815c-10b084fb9324')]";
const looped = (name: string, count = "\"[length(parameters('principalIds'))]\"") => armTemplate(`    {
      "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
      "copy": { "name": "operators", "count": ${count} },
      "name": ${name},
      "properties": { "roleDefinitionId": ${JSON.stringify(BACKUP_OPERATOR)}, "principalId": "[parameters('principalIds')[copyIndex()]]", "principalType": "Group" }
    }`, { parameters: '"principalIds": { "type": "array" }' });

describe(RULE, () => {
  describe('in ARM templates', () => {
    it('reports a copy loop whose assignments all get one name', () => {
      expectRule(RULE, looped(`«"[guid(resourceGroup().id, 'backup-operators')]"»`), [{
        severity: 'warning',
        message: "Every assignment of the loop 'operators' gets the same name, so they collide and at most one is made: put what varies into '[guid(resourceGroup().id, 'backup-operators')]', as guid() over the scope, principal and role of the loop's item.",
      }]);
      expectRule(RULE, looped('«"0b7a3b5e-7c1f-4f4e-9a8e-5d2c1b0a9f8e"»'), [{ severity: 'warning', message: /^Every assignment of the loop 'operators' gets the same name/ }]);
    });

    it("fixes a guid() name by adding the loop's principal to it", () => {
      const before = looped(`"[guid(resourceGroup().id, 'backup-operators')]"`);
      const fixes = quickFixes(before, RULE);
      assert.deepEqual(fixes.map((f) => [f.title, f.preferred]), [['Add what varies in the loop to the guid()', true]]);
      assert.equal(fixes[0].text, before.replace(`'backup-operators')]"`, `'backup-operators', parameters('principalIds')[copyIndex()])]"`));
      assert.deepEqual(diagnose(fixes[0].text).filter((d) => d.code === RULE), []);
      // a literal name: no guid() to add to
      assert.deepEqual(quickFixes(looped('"0b7a3b5e-7c1f-4f4e-9a8e-5d2c1b0a9f8e"'), RULE), []);
    });

    it('stays quiet when the name reads the iteration, and for a loop of one', () => {
      expectQuiet(RULE, looped("\"[guid(resourceGroup().id, parameters('principalIds')[copyIndex()])]\""));
      expectQuiet(RULE, looped("\"[guid(resourceGroup().id, string(copyIndex('operators')))]\""));
      expectQuiet(RULE, looped("\"[guid(resourceGroup().id, 'backup-operators')]\"", '1'));
    });
  });

  describe('in Bicep', () => {
    let bicep: LanguageService;
    before(async () => {
      bicep = await bicepService();
    });
    const grants = (name: string, loop = 'principalId in principalIds') => `param principalIds array
resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for ${loop}: {
  name: ${name}
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00c29273-979b-4161-815c-10b084fb9324')
    principalId: principalId
    principalType: 'Group'
  }
}]
`;
    const found = (text: string) => bicep.diagnostics(bicep.parse(text, 'bicep')).filter((d) => d.code === RULE).map((d) => d.message);

    it('reports a for loop whose assignments all get one name, quoting the Bicep as written', () => {
      assert.deepEqual(found(grants("guid(resourceGroup().id, 'backup-operators')")), [
        "Every assignment of the loop 'grants' gets the same name, so they collide and at most one is made: put what varies into 'guid(resourceGroup().id, 'backup-operators')', as guid() over the scope, principal and role of the loop's item.",
      ]);
    });

    it("fixes it by adding the loop's item, as written, to the guid()", () => {
      const before = grants("guid(resourceGroup().id, 'backup-operators')");
      const [fix] = quickFixes(before, RULE, { service: bicep, language: 'bicep' });
      assert.equal(fix.text, grants("guid(resourceGroup().id, 'backup-operators', principalId)"));
      assert.deepEqual(found(fix.text), []);
    });

    it("stays quiet when the name reads the loop's item or index", () => {
      assert.deepEqual(found(grants("guid(resourceGroup().id, principalId, 'backup-operators')")), []);
      assert.deepEqual(found(grants("guid(resourceGroup().id, string(i))", '(principalId, i) in principalIds')), []);
      assert.deepEqual(found(grants("guid(resourceGroup().id, string(i))", 'i in range(0, 3)')), []);
      // newer syntax the grammar does not read (`.?`, `??`), as the Azure Verified Modules write it: it names the item, so it varies
      assert.deepEqual(found(grants("principalId.?name ?? guid(resourceGroup().id, principalId)")), []);
    });
  });
});
