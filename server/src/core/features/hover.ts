// Hover: an action string explains the operation (or what a wildcard matches); a built-in role
// GUID anywhere in a role file or template, ARM expressions included, explains the role.
import type { Catalog } from '../../catalog/catalog';
import { guidsIn } from '../model/arm-expression';
import { explainCustomRole, explainQuery, explainRole } from './explain';
import { compareHoverMarkdown } from './compare';
import { resolveRole } from '../analysis/resolve';
import type { WorkspaceRoles } from '../model/workspace';
import { nodeAt } from '../model/json';
import { toMarkdown } from './render';
import { type RoleDocument, roleAt } from '../model/role-document';
import type { Range } from '../types';

export interface HoverResult {
  readonly markdown: string;
  readonly range: Range;
}

export function hover(document: RoleDocument, catalog: Catalog, offset: number, workspace?: WorkspaceRoles): HoverResult | undefined {
  if (document.kind === 'other') return undefined;
  const node = nodeAt(document.root, offset);
  if (!node || node.type !== 'string') return undefined;
  const role = roleAt(document, node.offset);
  if (role) {
    for (const block of role.blocks) {
      for (const list of Object.values(block.lists)) {
        const item = list.items.find((i) => i.node === node);
        if (item && !item.expression) {
          return {
            markdown: toMarkdown(explainQuery(catalog, item.value, list.plane)),
            range: document.lines.range(node.offset, node.length),
          };
        }
      }
    }
    // a custom role's name: how it compares with the nearest built-in role
    if (role.name?.node === node) {
      const markdown = compareHoverMarkdown(catalog, role);
      if (markdown) return { markdown, range: document.lines.range(node.offset, node.length) };
    }
  }
  // GUIDs hold no escapes, so they are found in the raw text between the quotes
  const rawStart = node.offset + 1;
  const raw = document.text.slice(rawStart, node.offset + node.length - 1);
  for (const { guid, offset: at } of guidsIn(raw)) {
    const start = rawStart + at;
    if (offset < start || offset > start + guid.length) continue;
    const role = catalog.role(guid);
    if (role) return { markdown: toMarkdown(explainRole(catalog, role)), range: document.lines.range(start, guid.length) };
  }
  // a role reference of an assignment: whatever form it takes, say what it resolves to
  const assignment = document.assignments.find((a) => a.roleDefinitionId?.node === node || a.roleDefinitionName?.node === node);
  if (assignment) {
    const resolved = resolveRole(catalog, workspace, assignment.roleDefinitionId, assignment.roleDefinitionName, assignment.template?.env);
    const range = document.lines.range(node.offset, node.length);
    if (resolved.kind === 'builtin') return { markdown: toMarkdown(explainRole(catalog, resolved.role)), range };
    if (resolved.kind === 'custom') return { markdown: toMarkdown(explainCustomRole(catalog, resolved.entry, fileName(resolved.entry.uri))), range };
  }
  return undefined;
}

/** The file name of a URI, for "custom role in roles/crr.json". */
export function fileName(uri: string): string {
  const last = uri.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
