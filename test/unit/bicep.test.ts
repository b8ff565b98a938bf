// The Bicep front end: Bicep text → the model the rules read, through the real grammar
// (tree-sitter-bicep's WebAssembly on web-tree-sitter). Not yet fed to the faces: these tests hold
// the model and the rules' findings with ranges in the Bicep text.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BicepParser, createBicepParser } from '../../server/src/core/bicep/parser';
import { analyze } from '../../server/src/core/analysis/analyze';
import { hover } from '../../server/src/core/features/hover';
import { REPO, catalog } from '../support/harness';

const GRAMMAR = join(REPO, 'server', 'data', 'tree-sitter-bicep.wasm');
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
    const runtime = readFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'));
    parser = await createBicepParser({ runtime, grammar: readFileSync(GRAMMAR) });
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
      ['unknown-action', "'Microsoft.RecoveryServices/locations/backupCrrJob/actions'", 11],
    ]);
    assert.match(found[0].message, /^Missing '…\/backupAadProperties\/read' and '…\/backupCrrJob\/action' for Cross region restore/);
  });

  it('stays quiet on a complete role, and judges assignable scopes it can read', () => {
    const complete = role(`        actions: [
          'Microsoft.RecoveryServices/locations/backupAadProperties/read'
          'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
          'Microsoft.RecoveryServices/locations/backupCrrJob/action'
          'Microsoft.RecoveryServices/locations/backupCrrJobs/action'
          'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read'
          'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'
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
    assert.match(action?.markdown ?? '', /^`Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action`\n\nTrigger Cross region restore\./);
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
