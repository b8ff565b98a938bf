import { isObject, isSpan } from './fix';
import type { Rule } from './rule';
import { quote } from './rule';

export const id = 'unknown-role-definition';

/** Payload for the quick fix that puts the near built-in role's GUID in place of the unknown one. */
export interface UnknownRoleData {
  readonly guid: string;
  readonly replacement: { readonly id: string; readonly name: string } | undefined;
  readonly at: { readonly offset: number; readonly length: number } | undefined;
}

export const rule: Rule<UnknownRoleData> = {
  id,
  summary: 'A role assignment names a role definition GUID that is neither built-in nor defined in the workspace.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, role, report }) {
    if (role.kind !== 'unknown' || !assignment.roleDefinitionId) return;
    const near = role.near;
    report({
      at: role.at ?? assignment.roleDefinitionId.node,
      message: near
        ? `${quote(role.guid)} names no role, built-in or of the workspace; did you mean ${near.name} (${quote(near.id)})?`
        : `${quote(role.guid)} names no role, built-in or of the workspace; check the id, or add the file that defines the role.`,
      data: { guid: role.guid, replacement: near ? { id: near.id, name: near.name } : undefined, at: role.at },
    });
  },
  isData: (data): data is UnknownRoleData => isObject(data) && typeof data.guid === 'string' && (data.at === undefined || isSpan(data.at))
    && (data.replacement === undefined || (isObject(data.replacement) && typeof data.replacement.id === 'string' && typeof data.replacement.name === 'string')),
  fixes({ document, data }) {
    const { replacement, at } = data;
    if (!replacement || !at) return [];
    if (document.text.slice(at.offset, at.offset + at.length).toLowerCase() !== data.guid) return []; // stale
    return [{ title: `Use ${replacement.name} (${replacement.id})`, edits: [{ offset: at.offset, length: at.length, text: replacement.id }], isPreferred: true }];
  },
};
