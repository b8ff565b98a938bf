// Files nobody should have to check, but people do: the same set for the server and the CLI.
const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';

/** A small role with one slip, to show a server (or run) still works. */
export const GOOD = `{ "Name": "Reader", "IsCustom": true, "Actions": ["Microsoft.Compute/virtualMachine/read"], "AssignableScopes": ["${SUB}"] }`;

/** Odd files by name. */
export const ODD: Record<string, string> = {
  'deep.json': `${'['.repeat(50000)}${']'.repeat(50000)}`,
  'truncated.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ { "type": "Microsoft.Authorization/roleDefinitions", "properties": { "permissions": [ { "actions": [ "Microsoft.Compute/',
  'wrong-types.json': JSON.stringify({ Name: 5, IsCustom: 'yes', Actions: 'Microsoft.Compute/*', NotActions: [null, 7, {}], DataActions: { a: 1 }, AssignableScopes: [[SUB]] }),
  'long-string.json': JSON.stringify({ Name: 'x', IsCustom: true, Actions: ['M'.repeat(1 << 20)], AssignableScopes: [SUB] }),
  'surrogates.json': `{ "Name": "\ud800", "IsCustom": true, "Actions": ["\udfffMicrosoft.Compute/*"], "AssignableScopes": ["${SUB}"] }`,
  'bom-crlf.json': `\ufeff${GOOD.replace(/, /g, ',\r\n')}`,
  'not-json.json': '\u0000\u0001 PK\u0003\u0004 binary garbage <<<>>> ',
  'empty.json': '',
  'comments.jsonc': `// azure-backup-rbac-operations nope, vm-restore\n/* azure-backup-rbac-disable */ ${GOOD.replace('}', ', } ')} // trailing`,
  'template.json': JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [
      { type: 'Microsoft.Authorization/roleAssignments', name: '[concat(', properties: { roleDefinitionId: "[resourceId('Microsoft.Authorization/roleDefinitions'", principalId: '[[' } },
      { type: 'Microsoft.Authorization/roleDefinitions', name: "[guid(", properties: { roleName: '[parameters(', permissions: "[variables('p')]", assignableScopes: '[' } },
    ],
  }),
};

