import { isObject, isSpan } from './fix';
import { builtInRoleNamed } from '../analysis/resolve';
import { textSlice } from '../model/role-document';
import type { Rule } from './rule';
import { quote } from './rule';

export const id = 'unknown-role-definition';

/** Payload for the quick fix that puts the near built-in role's GUID in place of the unknown one. */
export interface UnknownRoleData {
  /** the GUID as written, lower-cased; for a role named in Bicep's roleDefinitions('<name>'), the name */
  readonly guid: string;
  /** the role is named (Bicep's roleDefinitions('<name>')), not given by its GUID */
  readonly byName?: true;
  readonly replacement: { readonly id: string; readonly name: string } | undefined;
  readonly at: { readonly offset: number; readonly length: number } | undefined;
}

export const rule: Rule<UnknownRoleData> = {
  id,
  summary: 'A role assignment names a role definition GUID that is neither built-in nor defined in the workspace.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkAssignment({ document, catalog, assignment, role, report }) {
    if (role.kind === 'unresolved' && assignment.roleDefinitionId) {
      // Bicep's roleDefinitions('<name>') naming no built-in role (core/bicep/to-json.ts writes builtInRoleGuid('<name>'))
      const name = builtInRoleNamed(String(assignment.roleDefinitionId.node.value));
      if (name === undefined) return;
      const { offset, length } = assignment.roleDefinitionId.node;
      const written = textSlice(document, offset, offset + length).indexOf(name);
      const at = written >= 0 ? { offset: offset + written, length: name.length } : undefined;
      let near: { name: string; d: number } | undefined;
      for (const r of catalog.roles) {
        const d = catalog.distance.between(name.toLowerCase(), r.name.toLowerCase(), 3);
        if (d <= 3 && (!near || d < near.d)) near = { name: r.name, d };
      }
      report({
        at: at ?? assignment.roleDefinitionId.node,
        message: near
          ? `${quote(name)} names no built-in role; did you mean ${near.name}?`
          : `${quote(name)} names no built-in role; roleDefinitions() takes a built-in role's name.`,
        data: { guid: name.toLowerCase(), byName: true, replacement: near ? { id: near.name, name: near.name } : undefined, at },
      });
      return;
    }
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
  isData: (data): data is UnknownRoleData => isObject(data) && typeof data.guid === 'string' && (data.at === undefined || isSpan(data.at)) && (data.byName === undefined || data.byName === true)
    && (data.replacement === undefined || (isObject(data.replacement) && typeof data.replacement.id === 'string' && typeof data.replacement.name === 'string')),
  fixes({ document, data }) {
    const { replacement, at } = data;
    if (!replacement || !at) return [];
    if (textSlice(document, at.offset, at.offset + at.length).toLowerCase() !== data.guid) return []; // stale
    const title = data.byName ? `Use ${replacement.name}` : `Use ${replacement.name} (${replacement.id})`;
    return [{ title, edits: [{ offset: at.offset, length: at.length, text: replacement.id }], isPreferred: true }];
  },
};
