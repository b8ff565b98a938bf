// What a role assignment's roleDefinitionId (or roleDefinitionName) refers to: a built-in role, a
// custom role of the workspace, a GUID nobody defines, or something only a deployment would know.
import type { BuiltInRole, Catalog } from '../../catalog/catalog';
import { memoKey } from '../../catalog/memo';
import { type CompiledBlock, compileBlock } from '../../catalog/permissions';
import { canonical } from '../model/arm/expression';
import type { Environment, Value } from '../model/arm/expression';
import { guidsIn, isGuid } from '../model/arm-expression';
import { ROLE_DEFINITIONS } from '../model/role-document';
import type { RoleKey, StringItem } from '../model/string-item';
import { type CustomRoleEntry, type WorkspaceRoles, evaluateItem } from '../model/workspace';

export type ResolvedRole =
  | { readonly kind: 'builtin'; readonly role: BuiltInRole }
  | { readonly kind: 'custom'; readonly entry: CustomRoleEntry }
  | {
    readonly kind: 'unknown';
    readonly guid: string;
    /** a built-in role whose GUID is one or two characters away */
    readonly near: BuiltInRole | undefined;
    /** where the GUID is written literally in this string (for a fix), as an offset into the document */
    readonly at: { offset: number; length: number } | undefined;
  }
  | { readonly kind: 'unresolved' };


/** The GUID or guid(...) expression a roleDefinitionId stands for (worked out once per string and environment). */
export function roleKey(item: StringItem, env: Environment | undefined): RoleKey | undefined {
  const v = evaluateItem(item, env);
  const known = item.roleKey;
  if (known?.value === v) return known.key;
  const key = keyOf(v);
  item.roleKey = { value: v, key };
  return key;
}

function keyOf(v: Value): RoleKey | undefined {
  if (v.kind === 'string') {
    const m = /(?:^|\/roleDefinitions\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(v.value.trim());
    return m ? { guid: m[1].toLowerCase() } : undefined;
  }
  if (v.kind === 'resourceId' && v.type.toLowerCase() === ROLE_DEFINITIONS && v.names.length > 0) {
    const last = v.names[v.names.length - 1];
    if (last.kind === 'string') return isGuid(last.value) ? { guid: last.value.toLowerCase() } : undefined;
    return { expression: canonical(last) };
  }
  return undefined;
}

/**
 * The built-in role name in an expression the Bicep front end wrote for `roleDefinitions('<name>')`
 * (`builtInRoleGuid('<name>')`, in any case: the evaluator lower-cases function names).
 */
export function builtInRoleNamed(expression: string): string | undefined {
  const m = /builtinroleguid\('((?:[^']|'')+)'\)/i.exec(expression);
  return m ? m[1].replace(/''/g, "'") : undefined;
}

export function nearBuiltIn(catalog: Catalog, guid: string): BuiltInRole | undefined {
  let best: { role: BuiltInRole; d: number } | undefined;
  for (const role of catalog.roles) {
    const d = catalog.distance.between(guid, role.id.toLowerCase(), 2);
    if (d <= 2 && (!best || d < best.d)) best = { role, d };
  }
  return best?.role;
}

export function resolveRole(
  catalog: Catalog,
  workspace: WorkspaceRoles | undefined,
  roleDefinitionId: StringItem | undefined,
  roleDefinitionName: StringItem | undefined,
  env: Environment | undefined,
  /** the document's text (or its pieces), to find where the GUID is written (else only the role is resolved, not where) */
  text?: { slice(start: number, end: number): string },
): ResolvedRole {
  if (roleDefinitionId) {
    const key = roleKey(roleDefinitionId, env);
    if (key && 'guid' in key) {
      const builtin = catalog.role(key.guid);
      if (builtin) return { kind: 'builtin', role: builtin };
      const custom = workspace?.byGuid(key.guid);
      if (custom) return { kind: 'custom', entry: custom };
      // where the GUID is written in the value's own text (a JSON string, or a Bicep expression, whose
      // node's value is the ARM expression it stands for, not its text)
      const { offset, length } = roleDefinitionId.node;
      const written = text !== undefined ? guidsIn(text.slice(offset, offset + length)).find((g) => g.guid.toLowerCase() === key.guid) : undefined;
      const at = written ? { offset: offset + written.offset, length: written.guid.length } : undefined;
      return { kind: 'unknown', guid: key.guid, near: nearBuiltIn(catalog, key.guid), at };
    }
    if (key && 'expression' in key) {
      // Bicep's roleDefinitions('<built-in role name>') (core/bicep/to-json.ts)
      const byName = builtInRoleNamed(key.expression);
      const builtin = byName !== undefined ? catalog.roleByName(byName) : undefined;
      if (builtin) return { kind: 'builtin', role: builtin };
      const custom = workspace?.byExpression(key.expression);
      if (custom) return { kind: 'custom', entry: custom };
    }
  }
  if (roleDefinitionName && !roleDefinitionName.expression) {
    const builtin = catalog.roleByName(roleDefinitionName.value);
    if (builtin) return { kind: 'builtin', role: builtin };
    const custom = workspace?.byName(roleDefinitionName.value);
    if (custom) return { kind: 'custom', entry: custom };
  }
  return { kind: 'unresolved' };
}

export function roleLabel(r: ResolvedRole): string | undefined {
  if (r.kind === 'builtin') return r.role.name;
  if (r.kind === 'custom') return r.entry.name;
  return undefined;
}

const COMPILED_ENTRIES = memoKey<WeakMap<CustomRoleEntry, readonly CompiledBlock[]>>('compiled blocks of custom-role entries');

/**
 * What a resolved role grants, compiled: a built-in role's by the catalog, a custom role's once per
 * workspace entry (kept by the catalog, for as long as the entry lives).
 */
export function compiledBlocksOf(catalog: Catalog, role: { kind: 'builtin'; role: BuiltInRole } | { kind: 'custom'; entry: CustomRoleEntry }): readonly CompiledBlock[] {
  if (role.kind === 'builtin') return catalog.compiled(role.role);
  const byEntry = catalog.memo.get(COMPILED_ENTRIES, () => new WeakMap());
  let blocks = byEntry.get(role.entry);
  if (!blocks) byEntry.set(role.entry, blocks = role.entry.blocks.map(compileBlock));
  return blocks;
}
