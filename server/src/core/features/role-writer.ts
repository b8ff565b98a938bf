// Writes a custom role the product worked out (from an activity log: features/activity-log.ts) in
// the shapes people deploy: CLI/PowerShell role JSON (`az role definition create`), an ARM
// template and a Bicep file, each at subscription scope. Every output reads back as a role file
// that the checks accept.
// (The least-privilege generator from Backup operations writes roles too; the two writers are
// meant to become one.)
import { bicepString } from '../bicep/lexical';

export type RoleFormat = 'cli' | 'arm' | 'bicep';
export const ROLE_FORMATS: readonly RoleFormat[] = ['cli', 'arm', 'bicep'];

/** A custom role as plain data, one permission block. */
export interface RoleSpec {
  readonly name: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
  readonly assignableScopes: readonly string[];
}

/** The API version both writers give role definitions (and the generator's role assignments). */
export const ROLE_API = '2022-04-01';

/** The role as text in the format, ending with a newline. */
export function writeRole(role: RoleSpec, format: RoleFormat): string {
  switch (format) {
    case 'cli': return writeCli(role);
    case 'arm': return writeArm(role);
    case 'bicep': return writeBicep(role);
  }
}

function writeCli(role: RoleSpec): string {
  return JSON.stringify({
    Name: role.name, IsCustom: true, Description: role.description,
    Actions: role.actions, NotActions: role.notActions, DataActions: role.dataActions, NotDataActions: role.notDataActions,
    AssignableScopes: role.assignableScopes,
  }, null, 2) + '\n';
}

/** A literal string in an ARM template: a leading `[` is escaped as `[[`. */
function armLiteral(text: string): string {
  return text.startsWith('[') ? `[${text}` : text;
}

function writeArm(role: RoleSpec): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { roleName: { type: 'string', defaultValue: armLiteral(role.name), metadata: { description: 'The name of the custom role' } } },
    resources: [{
      type: 'Microsoft.Authorization/roleDefinitions',
      apiVersion: ROLE_API,
      name: "[guid(subscription().id, parameters('roleName'))]",
      properties: {
        roleName: "[parameters('roleName')]",
        description: armLiteral(role.description),
        type: 'CustomRole',
        permissions: [{ actions: role.actions, notActions: role.notActions, dataActions: role.dataActions, notDataActions: role.notDataActions }],
        assignableScopes: role.assignableScopes.map(armLiteral),
      },
    }],
  }, null, 2) + '\n';
}

function bicepList(key: string, items: readonly string[], indent: string): string[] {
  if (items.length === 0) return [`${indent}${key}: []`];
  return [`${indent}${key}: [`, ...items.map((i) => `${indent}  ${bicepString(i)}`), `${indent}]`];
}

function writeBicep(role: RoleSpec): string {
  return [
    "targetScope = 'subscription'",
    '',
    "@description('The name of the custom role')",
    `param roleName string = ${bicepString(role.name)}`,
    '',
    `resource role 'Microsoft.Authorization/roleDefinitions@${ROLE_API}' = {`,
    '  name: guid(subscription().id, roleName)',
    '  properties: {',
    '    roleName: roleName',
    `    description: ${bicepString(role.description)}`,
    "    type: 'CustomRole'",
    '    permissions: [',
    '      {',
    ...bicepList('actions', role.actions, '        '),
    ...bicepList('notActions', role.notActions, '        '),
    ...bicepList('dataActions', role.dataActions, '        '),
    ...bicepList('notDataActions', role.notDataActions, '        '),
    '      }',
    '    ]',
    ...bicepList('assignableScopes', role.assignableScopes, '    '),
    '  }',
    '}',
    '',
  ].join('\n');
}
