// The contract every rule implements. A rule lives in a file named after its id, exports one
// `Rule`, and reports through the context; it never formats ranges or severities itself.
import type { Node } from 'jsonc-parser';
import type { Catalog } from '../../catalog/catalog';
import type { RoleAssignment } from '../model/assignment';
import type { ResolvedRole } from '../analysis/resolve';
import { LIST_KEYS, type ListKey, type PermissionBlockModel, type PermissionList, type RoleDefinition, type RoleDocument, type StringItem } from '../model/role-document';
import type { ScopeInfo } from '../analysis/scope';
import type { CustomRoleEntry, WorkspaceRoles } from '../model/workspace';
import { type ItemFacts, lowerOf } from '../model/string-item';
import type { DiagnosticTag, SeverityName } from '../types';
import type { OffsetEdit } from '../model/edits';

export interface Report<D = unknown> {
  /** what the diagnostic covers: a node, or a span of the text */
  readonly at: Node | { offset: number; length: number };
  readonly message: string;
  /** what the rule's fixes need (the rule's payload type; never parsed back out of the message) */
  readonly data?: D;
  readonly tags?: DiagnosticTag[];
  /** a severity other than the rule's default, for a milder or graver case of the same rule */
  readonly severity?: SeverityName;
}

export interface RuleContext<D = unknown> {
  readonly document: RoleDocument;
  readonly role: RoleDefinition;
  readonly catalog: Catalog;
  /** backup operations the settings declare for the roles of this file */
  readonly declaredOperations: readonly string[];
  report(report: Report<D>): void;
}

export interface DocumentContext<D = unknown> {
  readonly document: RoleDocument;
  readonly catalog: Catalog;
  /** the custom roles of the workspace, this document's included */
  readonly workspace: WorkspaceRoles;
  /** what an assignment of the document resolves to (once per analysis run, against `workspace`) */
  roleOf(assignment: RoleAssignment): ResolvedRole;
  /** the role of this document a workspace entry stands for, with the same permission strings; undefined for another file's */
  definitionOf(entry: CustomRoleEntry): RoleDefinition | undefined;
  report(report: Report<D>): void;
}

export interface AssignmentContext<D = unknown> extends DocumentContext<D> {
  readonly assignment: RoleAssignment;
  /** what roleDefinitionId refers to */
  readonly role: ResolvedRole;
  /** where the assignment takes effect, when the file tells */
  readonly scope: ScopeInfo | undefined;
}

/** One quick fix, as its rule builds it: offsets into the document's text. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  /** the fix the rule recommends (Fix All applies it, where the rule allows) */
  readonly isPreferred?: boolean;
}

export interface FixContext<D> {
  /** the document as it is now: a fix checks its payload against it, and a stale one yields nothing */
  readonly document: RoleDocument;
  readonly catalog: Catalog;
  /** the diagnostic's payload, recognised by the rule's `isData` */
  readonly data: D;
  /** where the diagnostic starts in the text */
  readonly offset: number;
}

/**
 * A rule: its id, its check, and the fixes for what it reports. `D` is the payload its
 * diagnostics carry for the fixes; `isData` recognises it in a diagnostic a client sent back
 * (anything may come), and only then are `fixes` asked.
 */
export interface Rule<D = unknown> {
  readonly id: string;
  /** one line, for the docs, the settings UI and SARIF */
  readonly summary: string;
  readonly defaultSeverity: SeverityName;
  /**
   * Hygiene and least-privilege advice is for roles the author controls; a dump of Azure's
   * built-in roles (`roleType: BuiltInRole`, `IsCustom: false`) is checked for correctness only.
   */
  readonly appliesToBuiltInRoles: boolean;
  /** checks one role definition */
  check?(context: RuleContext<D>): void;
  /** checks one role assignment */
  checkAssignment?(context: AssignmentContext<D>): void;
  /** checks the document as a whole (a template's resources together) */
  checkDocument?(context: DocumentContext<D>): void;
  /** recognises this rule's payload in a diagnostic */
  isData?(data: unknown): data is D;
  /** the quick fixes for one of its diagnostics, against the document as it is now */
  fixes?(context: FixContext<D>): Fix[];
  /**
   * Fix All may apply the preferred fix of this rule's diagnostics without asking (the fix does
   * exactly what the message says), for the payloads `accepts` lets through; `label` counts it in
   * Fix All's title ("moved to the right list: 2").
   */
  readonly fixAll?: { readonly label: string; accepts?(data: D): boolean };
}


export interface ListEntry {
  readonly item: StringItem;
  readonly list: PermissionList;
  readonly block: PermissionBlockModel;
}

export type { ItemFacts } from '../model/string-item';

export function facts(item: StringItem, catalog: Catalog): ItemFacts {
  if (item.factsOf !== catalog) {
    const lower = lowerOf(item);
    let stars = 0;
    for (let i = lower.indexOf('*'); i >= 0; i = lower.indexOf('*', i + 1)) stars++;
    const op = stars === 0 ? catalog.operationLower(lower) : undefined;
    // an operation's name lower-cased is the catalog's own string: the string keeps it, and its
    // own copy is let go (a document of thousands of roles keeps one copy of each name less)
    if (op && !item.compiled) item.lowered = op.lower;
    item.stars = stars;
    item.op = op;
    item.factsOf = catalog;
  }
  return item as ItemFacts;
}

/**
 * Every literal permission string of a role (of the lists `keys` names, or all), with the list and
 * block it stands in. Made anew for each rule that asks, not kept with the role: each entry then
 * lives as long as the rule's look at one role, and dies young, where entries kept for each of a
 * large file's strings would be copied by the garbage collector as the model is.
 */
export function permissionEntries(role: RoleDefinition, keys?: readonly ListKey[]): readonly ListEntry[] {
  const found: ListEntry[] = [];
  for (const block of role.blocks) {
    for (const key of LIST_KEYS) {
      if (keys && !keys.includes(key)) continue;
      const list = block.lists[key];
      for (const item of list.items) if (!item.expression) found.push({ item, list, block });
    }
  }
  return found;
}

// the message helpers the rules use, from their one home
export { HEAD, again, andList, count, lead, orList, planeWord, quote, shortForm, shortened, whole } from '../messages';
