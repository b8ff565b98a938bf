// Role assignments, in ARM templates (Microsoft.Authorization/roleAssignments resources, and the
// older `<type>/providers/roleAssignments` child form) and in REST / `az role assignment list` JSON.
import type { Node } from 'jsonc-parser';
import type { Template, TemplateResource } from './arm/template';
import { hasKey, prop } from './json';
import type { StringItem } from './role-document';
import { stringItemOf } from './string-item';

export interface RoleAssignment {
  readonly shape: 'arm' | 'rest';
  /** the object holding roleDefinitionId, principalId… (ARM and REST: `properties`) */
  readonly node: Node;
  readonly resource: TemplateResource | undefined;
  /** the assignment's name (ARM resource name, REST name) */
  readonly name: StringItem | undefined;
  readonly roleDefinitionId: StringItem | undefined;
  /** `az role assignment list` prints the role's name too */
  readonly roleDefinitionName: StringItem | undefined;
  readonly principalId: StringItem | undefined;
  /** `az role assignment list` names the principal too (`principalName`, or `principalDisplayName`) */
  readonly principalName: StringItem | undefined;
  readonly principalType: StringItem | undefined;
  /** the scope, when written: the ARM resource's `scope`, or `scope` of REST / CLI output */
  readonly scope: StringItem | undefined;
  readonly template: Template | undefined;
}

const ROLE_ASSIGNMENTS = 'microsoft.authorization/roleassignments';

export function isAssignmentType(type: string): boolean {
  return type === ROLE_ASSIGNMENTS || type.endsWith('/providers/roleassignments');
}

function item(node: Node | undefined): StringItem | undefined {
  return node ? stringItemOf(node) : undefined;
}

export function readArmAssignment(resource: TemplateResource): RoleAssignment | undefined {
  const properties = resource.properties;
  if (!properties) return undefined;
  return {
    shape: 'arm', node: properties, resource,
    name: item(prop(resource.node, 'name')),
    roleDefinitionId: item(prop(properties, 'roleDefinitionId')),
    roleDefinitionName: undefined,
    principalId: item(prop(properties, 'principalId')),
    principalName: undefined,
    principalType: item(prop(properties, 'principalType')),
    scope: item(prop(resource.node, 'scope')) ?? item(prop(properties, 'scope')),
    template: resource.template,
  };
}

/** An assignment in REST (`{ properties: { roleDefinitionId, principalId } }`) or flat CLI output shape. */
export function readJsonAssignment(obj: Node): RoleAssignment | undefined {
  const properties = prop(obj, 'properties');
  const holder = properties?.type === 'object' && hasKey(properties, 'roleDefinitionId') ? properties : obj;
  if (!hasKey(holder, 'roleDefinitionId') || !(hasKey(holder, 'principalId') || hasKey(holder, 'scope'))) return undefined;
  return {
    shape: 'rest', node: holder, resource: undefined,
    name: item(prop(obj, 'name')),
    roleDefinitionId: item(prop(holder, 'roleDefinitionId')),
    roleDefinitionName: item(prop(holder, 'roleDefinitionName')) ?? item(prop(obj, 'roleDefinitionName')),
    principalId: item(prop(holder, 'principalId')),
    principalName: ['principalName', 'principalDisplayName'].flatMap((k) => [prop(holder, k), prop(obj, k)]).map(item).find((x) => x !== undefined),
    principalType: item(prop(holder, 'principalType')),
    scope: item(prop(holder, 'scope')) ?? item(prop(obj, 'scope')),
    template: undefined,
  };
}
