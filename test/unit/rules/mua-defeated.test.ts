import * as assert from 'node:assert/strict';
import { analyze, analyzeDocument } from '../../../server/src/core/analysis/analyze';
import { WorkspaceIndex, customRolesOf } from '../../../server/src/core/model/workspace';
import { parseRoleDocument } from '../../../server/src/core/model/role-document';
import type { BicepParser } from '../../../server/src/core/bicep/parser';
import { GUARD_ROLES, MUA_SOURCE } from '../../../server/src/catalog/backup/mua';
import { loadBicepParser } from '../../support/bicep';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type FileContext, WorkspaceSession } from '../../../server/src/core';
import { runCli } from '../../support/cli';
import { armTemplate, assignmentResource, catalog, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'mua-defeated';
const roleId = (name: string) => `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${catalog.roleByName(name)!.id}')]"`;
const GUARD = `{ "type": "Microsoft.DataProtection/resourceGuards", "apiVersion": "2023-05-01", "name": "guard", "location": "[resourceGroup().location]", "properties": {} }`;
const VAULT = `{ "type": "Microsoft.RecoveryServices/vaults", "apiVersion": "2023-04-01", "name": "vault", "location": "[resourceGroup().location]", "sku": { "name": "RS0", "tier": "Standard" }, "properties": {} }`;
const GUARD_ID = '"[resourceId(\'Microsoft.DataProtection/resourceGuards\', \'guard\')]"';
const VAULT_ID = '"[resourceId(\'Microsoft.RecoveryServices/vaults\', \'vault\')]"';
const ADMIN = '"[parameters(\'backupAdminId\')]"';
const SECURITY = '"[parameters(\'securityAdminId\')]"';
const give = (role: string, principalId: string, scope?: string, mark = false) => assignmentResource({
  name: `"[guid('${(role + principalId + (scope ?? '')).replace(/[^A-Za-z0-9]/g, '')}')]"`,
  roleDefinitionId: mark ? `«${roleId(role)}»` : roleId(role), principalId, ...(scope ? { scope } : {}),
});
const template = (...resources: string[]) => armTemplate(resources.join(',\n'));

describe(RULE, () => {
  it('the roles it looks for on the Resource Guard are the ones Microsoft names, from a cited page', () => {
    assert.deepEqual(GUARD_ROLES, ['Contributor', 'Backup MUA Admin', 'Backup MUA Operator']);
    assert.match(MUA_SOURCE, /^https:\/\/learn\.microsoft\.com\/azure\/backup\/multi-user-authorization-concept$/);
  });

  it('reports Backup MUA Operator on the Resource Guard for the principal that administers the vault (Backup Contributor)', () => {
    expectRule(RULE, template(GUARD, VAULT, give('Backup Contributor', ADMIN, VAULT_ID), give('Backup MUA Operator', ADMIN, GUARD_ID, true)), [{
      severity: 'warning',
      message: "Backup MUA Operator on the Resource Guard defeats multi-user authorization: '[parameters('backupAdminId')]' also administers the vault (Backup Contributor); give the guard's roles to a principal that does not administer the vault.",
    }]);
  });

  it('reports Contributor and Backup MUA Admin on the guard alike, and a vault administered from its resource group', () => {
    expectRule(RULE, template(GUARD, VAULT, give('Backup Contributor', ADMIN), give('Contributor', ADMIN, GUARD_ID, true)), [{
      severity: 'warning', message: /^Contributor on the Resource Guard defeats multi-user authorization: .* \(Backup Contributor\)/,
    }]);
    expectRule(RULE, template(GUARD, VAULT, give('Contributor', ADMIN, VAULT_ID), give('Backup MUA Admin', ADMIN, GUARD_ID, true)), [{
      severity: 'warning', message: /^Backup MUA Admin on the Resource Guard defeats multi-user authorization: .* \(Contributor\)/,
    }]);
  });

  it('reports one assignment whose scope holds both the vault and the Resource Guard', () => {
    expectRule(RULE, template(GUARD, VAULT, give('Contributor', ADMIN, undefined, true)), [{
      severity: 'warning', message: /^Contributor defeats multi-user authorization: its scope holds both a Backup vault and the Resource Guard, so '\[parameters\('backupAdminId'\)\]' approves its own critical operations;/,
    }]);
  });

  it('stays quiet when the guard and the vault are administered by different principals', () => {
    expectQuiet(RULE, template(GUARD, VAULT, give('Backup Contributor', ADMIN, VAULT_ID), give('Backup MUA Operator', SECURITY, GUARD_ID)));
    expectQuiet(RULE, template(GUARD, VAULT, give('Backup Contributor', ADMIN, VAULT_ID), give('Contributor', SECURITY, GUARD_ID)));
  });

  it('stays quiet for the vault administrator holding only Reader on the guard (what enabling MUA asks), or a guard role with no vault role', () => {
    expectQuiet(RULE, template(GUARD, VAULT, give('Backup Contributor', ADMIN, VAULT_ID), give('Reader', ADMIN, GUARD_ID)));
    expectQuiet(RULE, template(GUARD, give('Backup MUA Operator', ADMIN, GUARD_ID), give('Reader', ADMIN)));
    // the security admin's Contributor on the guard's own resource group, with no vault there
    expectQuiet(RULE, template(GUARD, give('Contributor', SECURITY)));
  });

  it('reads the output of az role assignment list: one principal id, Backup Contributor on a resource group and Backup MUA Operator on a guard', () => {
    const sub = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
    const entry = (role: string, principalId: string, scope: string, mark = false) => `{
    "principalId": "${principalId}", "principalType": "User",
    "roleDefinitionId": ${mark ? '«' : ''}"${sub}/providers/Microsoft.Authorization/roleDefinitions/${catalog.roleByName(role)!.id}"${mark ? '»' : ''},
    "roleDefinitionName": "${role}", "scope": "${scope}" }`;
    const guard = `${sub}/resourceGroups/rg-security/providers/Microsoft.DataProtection/resourceGuards/guard`;
    const admin = '0f6a1b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b';
    const other = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    expectRule(RULE, `[${entry('Backup Contributor', admin, `${sub}/resourceGroups/rg-backup`)},\n${entry('Backup MUA Operator', admin, guard, true)}]`, [{
      severity: 'warning', message: /^Backup MUA Operator on the Resource Guard defeats multi-user authorization: '0f6a1b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b' also administers/,
    }]);
    expectQuiet(RULE, `[${entry('Backup Contributor', admin, `${sub}/resourceGroups/rg-backup`)},\n${entry('Backup MUA Operator', other, guard)}]`);
  });

  describe('in Bicep', () => {
    let parser: BicepParser;
    before(async () => {
      parser = await loadBicepParser();
    });
    const bicep = (guardPrincipal: string) => `param backupAdminId string
param securityAdminId string
resource guard 'Microsoft.DataProtection/resourceGuards@2023-05-01' = {
  name: 'guard'
  location: resourceGroup().location
  properties: {}
}
resource vault 'Microsoft.DataProtection/backupVaults@2023-05-01' = {
  name: 'vault'
  location: resourceGroup().location
  properties: {}
}
resource admin 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, backupAdminId, 'backup-contributor')
  scope: vault
  properties: {
    roleDefinitionId: roleDefinitions('Backup Contributor').id
    principalId: backupAdminId
    principalType: 'Group'
  }
}
resource approver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(guard.id, ${guardPrincipal}, 'mua-operator')
  scope: guard
  properties: {
    roleDefinitionId: roleDefinitions('Backup MUA Operator').id
    principalId: ${guardPrincipal}
    principalType: 'Group'
  }
}
`;
    const findings = (text: string) => {
      const document = parser.parse(text);
      return analyze(document, catalog).filter((d) => d.code === RULE).map((d) => ({ covers: text.slice(document.lines.offsetAt(d.range.start), document.lines.offsetAt(d.range.end)), message: d.message }));
    };

    it('reports the vault administrator given Backup MUA Operator on the guard (scope: guard), on the role', () => {
      const found = findings(bicep('backupAdminId'));
      assert.deepEqual(found.map((f) => f.covers), ["roleDefinitions('Backup MUA Operator').id"]);
      assert.match(found[0].message, /^Backup MUA Operator on the Resource Guard defeats multi-user authorization: .*\(Backup Contributor\)/);
    });

    it('stays quiet when another principal holds the guard role', () => {
      assert.deepEqual(findings(bicep('securityAdminId')), []);
    });
  });
  describe('across the files of a workspace (by literal principal id)', () => {
    const ADMIN_ID = '0f6a1b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b';
    const OTHER_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const vaultFile = (principal: string) => template(VAULT, give('Backup Contributor', `"${principal}"`, VAULT_ID));
    const guardFile = (principal: string) => template(GUARD, give('Backup MUA Operator', `"${principal}"`, GUARD_ID));
    const context = (path: string): FileContext => ({ settings: DEFAULT_SETTINGS, path });
    const findings = (s: WorkspaceSession, uri: string) => s.diagnostics(uri).filter((d) => d.code === RULE).map((d) => d.message);

    it('reports in each file when the vault administrator of one holds a guard role in the other, and goes quiet when the guard role moves to someone else', () => {
      const changed: string[] = [];
      const s = new WorkspaceSession({ catalog, onRolesChanged: (uri) => changed.push(uri) });
      s.openDocument('file:///ws/vault.json', 1, vaultFile(ADMIN_ID), context('vault.json'));
      assert.deepEqual(findings(s, 'file:///ws/vault.json'), []);
      s.openDocument('file:///ws/guard.json', 1, guardFile(ADMIN_ID), context('guard.json'));
      assert.deepEqual(findings(s, 'file:///ws/guard.json'), [
        `Backup MUA Operator on the Resource Guard defeats multi-user authorization: '${ADMIN_ID}' also administers a vault (Backup Contributor, in vault.json); give the guard's roles to a principal that does not administer the vault.`,
      ]);
      assert.ok(changed.includes('file:///ws/guard.json'), 'the face is told to check the files that depend on it');
      assert.deepEqual(findings(s, 'file:///ws/vault.json'), [
        `Backup Contributor for '${ADMIN_ID}' defeats multi-user authorization: the principal also holds Backup MUA Operator on the Resource Guard (in guard.json); give the guard's roles to a principal that does not administer the vault.`,
      ]);
      s.updateDocument('file:///ws/guard.json', 2, guardFile(OTHER_ID));
      assert.deepEqual(findings(s, 'file:///ws/guard.json'), []);
      assert.deepEqual(findings(s, 'file:///ws/vault.json'), [], 'the vault file is checked again in full');
    });

    it('the CLI given a folder finds the pair across its files', function () {
      this.timeout(30000);
      const dir = mkdtempSync(join(tmpdir(), 'abr-mua-'));
      try {
        writeFileSync(join(dir, 'vault.json'), vaultFile(ADMIN_ID));
        writeFileSync(join(dir, 'guard.json'), guardFile(ADMIN_ID));
        const r = runCli(['check', '.', '--format', 'json'], dir);
        const found = (JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string }[] }[])
          .flatMap((f) => f.diagnostics.filter((d) => d.code === RULE).map((d) => [f.file, d.message.slice(0, 40)]));
        assert.deepEqual(found.sort(), [['guard.json', 'Backup MUA Operator on the Resource Guar'], ['vault.json', `Backup Contributor for '${ADMIN_ID.slice(0, 16)}`]]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('does not pair parameters of two files: the same parameter name may be a different principal in each', () => {
      const s = new WorkspaceSession({ catalog });
      s.openDocument('file:///ws/vault.json', 1, template(VAULT, give('Backup Contributor', ADMIN, VAULT_ID)), context('vault.json'));
      s.openDocument('file:///ws/guard.json', 1, template(GUARD, give('Backup MUA Operator', ADMIN, GUARD_ID)), context('guard.json'));
      assert.deepEqual(findings(s, 'file:///ws/guard.json'), []);
      assert.deepEqual(findings(s, 'file:///ws/vault.json'), []);
    });
  });

  it('resolves roles afresh in each analysis: a second run over the same parse, with the workspace changed, does not reuse the first run\'s answer', () => {
    // the role of another file, by GUID; first it grants everything (Contributor's worth, on the guard), then reads only
    const G = '5b4f0a9e-2c1d-4e8f-9a7b-3c6d5e4f1a20';
    const roleFile = (actions: string) => `{ "Name": "Custom guard role", "IsCustom": true, "Id": "${G}", "Actions": [${actions}], "NotActions": [], "DataActions": [], "NotDataActions": [], "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] }`;
    const indexWith = (actions: string) => {
      const index = new WorkspaceIndex();
      index.set('file:///ws/role.json', customRolesOf('file:///ws/role.json', parseRoleDocument(roleFile(actions))));
      return index;
    };
    const custom = assignmentResource({
      name: '"[guid(\'custom\')]"', principalId: ADMIN, scope: GUARD_ID,
      roleDefinitionId: `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${G}')]"`,
    });
    const document = parseRoleDocument(template(GUARD, VAULT, give('Backup Contributor', ADMIN, VAULT_ID), custom));
    const findings = (workspace: WorkspaceIndex) => analyzeDocument(document, catalog, { workspace, uri: 'file:///ws/main.json' })
      .diagnostics.filter((d) => d.code === RULE).map((d) => d.message);
    assert.equal(findings(indexWith('"*"')).length, 1);
    assert.match(findings(indexWith('"*"'))[0], /^Custom guard role on the Resource Guard defeats multi-user authorization/);
    assert.deepEqual(findings(indexWith('"Microsoft.Resources/subscriptions/resourceGroups/read"')), []);
    assert.equal(findings(indexWith('"*"')).length, 1);
  });
});
