import * as assert from 'node:assert/strict';
import { parseRoleDocument } from '../../server/src/core/model/role-document';
import { property } from '../../server/src/core/model/json';
import { parseTree } from 'jsonc-parser';
import { fixture } from '../support/harness';

const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';

describe('role documents', () => {
  it('reads the CLI/PowerShell shape', () => {
    const doc = parseRoleDocument(`{ "Name": "r", "IsCustom": true, "Actions": ["a/b"], "NotActions": [], "AssignableScopes": ["${SUB}"] }`);
    assert.equal(doc.kind, 'role-file');
    const [role] = doc.roles;
    assert.equal(role.shape, 'cli');
    assert.equal(role.name?.value, 'r');
    assert.equal(role.builtIn, false);
    assert.deepEqual(role.blocks[0].lists.actions.items.map((i) => i.value), ['a/b']);
    assert.deepEqual(role.assignableScopes.items.map((i) => i.value), [SUB]);
  });

  it('reads the PowerShell variant with Permissions[]', () => {
    const doc = parseRoleDocument(`{ "Name": "r", "IsCustom": true, "Permissions": [{ "Actions": ["a/b"], "DataActions": ["c/d"] }], "AssignableScopes": ["${SUB}"] }`);
    assert.equal(doc.roles[0].blocks.length, 1);
    assert.deepEqual(doc.roles[0].blocks[0].lists.dataActions.items.map((i) => i.value), ['c/d']);
  });

  it('reads REST role objects, singly and as the array `az role definition list` prints', () => {
    const single = parseRoleDocument(`{ "name": "x", "properties": { "roleName": "r", "permissions": [{ "actions": ["a/b"] }], "assignableScopes": ["${SUB}"] } }`);
    assert.equal(single.roles[0].shape, 'rest');
    const list = parseRoleDocument(fixture('azure-data', 'builtin-roles.json'));
    assert.equal(list.roles.length, 928);
    assert.ok(list.roles.every((r) => r.builtIn && r.shape === 'rest'));
  });

  it('finds role definitions in ARM templates: top level, child resources, inner deployment templates, symbolic names', () => {
    const role = (name: string) => `{ "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('${name}')]", "properties": { "roleName": "${name}", "permissions": [{ "actions": ["a/b"] }], "assignableScopes": ["[subscription().id]"] } }`;
    const template = `{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [
        ${role('top')},
        { "type": "Microsoft.RecoveryServices/vaults", "name": "v", "resources": [ ${role('child')} ] },
        { "type": "Microsoft.Resources/deployments", "name": "d", "properties": { "mode": "Incremental", "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
          "resources": [ ${role('inner')} ] } } }
      ]
    }`;
    assert.deepEqual(parseRoleDocument(template).roles.map((r) => r.name?.value), ['top', 'child', 'inner']);
    const symbolic = `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "languageVersion": "2.0", "contentVersion": "1.0.0.0", "resources": { "myRole": ${role('symbolic')} } }`;
    assert.deepEqual(parseRoleDocument(symbolic).roles.map((r) => r.name?.value), ['symbolic']);
  });

  it('treats ARM expressions as expressions and `[[` as an escaped literal', () => {
    const doc = parseRoleDocument(`{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleDefinitions", "name": "[guid('r')]", "properties": { "roleName": "r",
        "permissions": [{ "actions": ["[parameters('a')]", "[[literal"] }], "assignableScopes": "[variables('scopes')]" } }] }`);
    const items = doc.roles[0].blocks[0].lists.actions.items;
    assert.deepEqual(items.map((i) => [i.value, i.expression]), [["[parameters('a')]", true], ['[literal', false]]);
    assert.equal(doc.roles[0].assignableScopes.expression, true);
    assert.equal(doc.roles[0].id?.expression, true);
  });

  it('knows other JSON is not a role file', () => {
    for (const text of [
      '{ "name": "app", "version": "1.0.0", "dependencies": {} }',
      '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [{ "type": "Microsoft.Storage/storageAccounts", "name": "s" }] }',
      '[1, 2, 3]', '"just a string"', '', '{ "actions": ["a/b"] }',
    ]) {
      assert.notEqual(parseRoleDocument(text).kind, 'role-file', text);
    }
    assert.equal(parseRoleDocument('{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] }').kind, 'arm-template');
  });

  it('copes with a BOM, comments, trailing commas, CRLF and broken JSON without throwing', () => {
    const doc = parseRoleDocument('\ufeff{\r\n  // a comment\r\n  "Name": "r", "IsCustom": true,\r\n  "Actions": ["a/b",],\r\n  "AssignableScopes": ["x"],\r\n}\r\n');
    assert.equal(doc.kind, 'role-file');
    assert.equal(doc.syntaxProblems.length, 0);
    const item = doc.roles[0].blocks[0].lists.actions.items[0];
    assert.deepEqual(doc.lines.positionAt(item.node.offset), { line: 3, character: 14 });
    const broken = parseRoleDocument('{ "Name": "r", "IsCustom": true, "Actions": ["a/b" "c/d"');
    assert.equal(broken.kind, 'role-file');
    assert.ok(broken.syntaxProblems.length > 0);
  });

  it('matches keys in any case, the last of duplicates winning, a key of another length only when lower-casing lengthens it', () => {
    const obj = parseTree('{ "roleName": 1, "ROLENAME": 2, "roleNames": 3, "role": 4, "\u0130d": 5 }')!;
    assert.equal(property(obj, 'rolename')?.children?.[1].value, 2);
    assert.equal(property(obj, 'roleNames')?.children?.[1].value, 3);
    assert.equal(property(obj, 'ROLE')?.children?.[1].value, 4);
    assert.equal(property(obj, 'nothing'), undefined);
    // 'İd' lower-cases to three characters ('i', a combining dot, 'd'): it is the key of 'İD', not of 'id'
    assert.equal(property(obj, '\u0130D')?.children?.[1].value, 5);
    assert.equal(property(obj, 'id'), undefined);
  });
});
