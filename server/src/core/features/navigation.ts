// Go to definition of a custom role from an assignment, the outline of a role file, and finding a
// custom role by name across the workspace.
import type { Catalog } from '../../catalog/catalog';
import { nodeAt } from '../model/json';
import { resolveRole, roleLabel } from '../analysis/resolve';
import type { RoleDocument } from '../model/role-document';
import type { Range } from '../types';
import { evaluateItem, type WorkspaceRoles } from '../model/workspace';

export interface Location {
  readonly uri: string;
  readonly range: Range;
}

/** Where the custom role an assignment's roleDefinitionId (or roleDefinitionName) names is defined. */
export function definition(document: RoleDocument, catalog: Catalog, offset: number, workspace: WorkspaceRoles | undefined): Location | undefined {
  const node = nodeAt(document.root, offset);
  if (!node || node.type !== 'string') return undefined;
  const assignment = document.assignments.find((a) => a.roleDefinitionId?.node === node || a.roleDefinitionName?.node === node);
  if (!assignment) return undefined;
  const resolved = resolveRole(catalog, workspace, assignment.roleDefinitionId, assignment.roleDefinitionName, assignment.template?.env);
  return resolved.kind === 'custom' ? { uri: resolved.entry.uri, range: resolved.entry.range } : undefined;
}

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'role' | 'assignment';
  /** the whole role or assignment */
  readonly range: Range;
  /** its name */
  readonly selectionRange: Range;
}

export function documentSymbols(document: RoleDocument, catalog: Catalog, workspace: WorkspaceRoles | undefined): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  for (const role of document.roles) {
    const whole = role.resource ?? role.node;
    const name = role.name ? evaluateItem(role.name, role.template?.env) : undefined;
    const at = role.name?.node ?? whole;
    symbols.push({
      name: name?.kind === 'string' ? name.value : role.name?.value ?? 'role',
      detail: role.builtIn ? 'built-in role' : 'custom role',
      kind: 'role',
      range: document.lines.range(whole.offset, whole.length),
      selectionRange: document.lines.range(at.offset, at.length),
    });
  }
  for (const a of document.assignments) {
    const whole = a.resource?.node ?? a.node;
    const resolved = resolveRole(catalog, workspace, a.roleDefinitionId, a.roleDefinitionName, a.template?.env);
    const principal = a.principalId ? (a.principalId.expression ? 'computed principal' : a.principalId.value) : 'unknown principal';
    const at = a.roleDefinitionId?.node ?? whole;
    symbols.push({
      name: `${roleLabel(resolved) ?? 'role'} → ${a.principalType && !a.principalType.expression ? `${a.principalType.value} ` : ''}${principal}`,
      detail: 'role assignment',
      kind: 'assignment',
      range: document.lines.range(whole.offset, whole.length),
      selectionRange: document.lines.range(at.offset, at.length),
    });
  }
  return symbols.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}

/** Custom roles of the workspace whose name contains the query's characters in order (as VS Code filters). */
export interface WorkspaceSymbol {
  readonly name: string;
  readonly location: Location;
}

export function workspaceSymbols(workspace: WorkspaceRoles, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const matches = (name: string) => {
    let i = 0;
    for (const c of name.toLowerCase()) if (c === q[i]) i++;
    return i === q.length;
  };
  const found: { name: string; location: Location }[] = [];
  for (const e of workspace.all()) {
    if (e.name && matches(e.name)) found.push({ name: e.name, location: { uri: e.uri, range: e.range } });
  }
  return found;
}
