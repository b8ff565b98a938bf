// The new-role snippets in Bicep: a custom role definition (empty, or with a backup permission set)
// and a role assignment, as resource declarations; for an empty file, with the subscription scope
// role definitions are deployed at. Values go through Bicep's escaping, then the snippet syntax's.
import { bicepString } from '../bicep/lexical';

/** Text as it must be written in a snippet to stand for itself (`$`, `}` and `\` escaped). */
function literal(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** A Bicep string whose content is the tab stop `n`, `value` by default. */
function stringStop(n: number, value: string): string {
  return `'\${${n}:${literal(bicepString(value).slice(1, -1))}}'`;
}

function actionsArray(actions: readonly string[]): string {
  if (actions.length === 0) return "[\n          '$3'\n        ]";
  return `[\n${actions.map((a) => `          ${literal(bicepString(a))}`).join('\n')}\n        ]`;
}

export function bicepRoleSnippet(name: string, description: string, actions: readonly string[]): string {
  return `resource \${4:customRole} 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, ${stringStop(1, name)})
  properties: {
    roleName: ${stringStop(1, name)}
    description: ${stringStop(2, description)}
    type: 'CustomRole'
    permissions: [
      {
        actions: ${actionsArray(actions)}
        notActions: []
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}`;
}

export const BICEP_ASSIGNMENT_SNIPPET = `resource \${4:roleAssignment} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, \${1:principalId}, '\${2:5e467623-bb1f-42f4-a55d-6e525e11384b}')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '\${2}')
    principalId: \${1}
    principalType: '\${3|ServicePrincipal,Group,User|}'
  }
}`;

/** A whole file: the role definition at subscription scope. */
export function bicepRoleFileSnippet(name: string, description: string, actions: readonly string[]): string {
  return `targetScope = 'subscription'\n\n${bicepRoleSnippet(name, description, actions)}\n`;
}
