// The contract every rule implements. A rule lives in a file named after its id, exports one
// `Rule`, and reports through the context; it never formats ranges or severities itself.
import type { Node } from 'jsonc-parser';
import { memoKey } from '../../catalog/memo';
import type { Catalog } from '../../catalog/catalog';
import type { RoleAssignment } from '../assignment';
import type { ResolvedRole } from '../resolve';
import type { ListKey, PermissionBlockModel, PermissionList, RoleDefinition, RoleDocument, StringItem } from '../role-document';
import type { ScopeInfo } from '../scope';
import type { WorkspaceRoles } from '../workspace';
import { thousands } from '../format';
import { type ItemFacts, lowerOf } from '../string-item';
import type { DiagnosticTag, SeverityName } from '../types';
import type { OffsetEdit } from '../edits';

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

export type { ItemFacts } from '../string-item';

export function facts(item: StringItem, catalog: Catalog): ItemFacts {
  let f = item.facts;
  if (!f || f.catalog !== catalog) {
    const lower = lowerOf(item);
    let stars = 0;
    for (let i = lower.indexOf('*'); i >= 0; i = lower.indexOf('*', i + 1)) stars++;
    f = { lower, stars, op: stars === 0 ? catalog.operationLower(lower) : undefined, catalog };
    item.facts = f;
  }
  return f;
}

const PERMISSION_ENTRIES = memoKey<readonly ListEntry[]>('permission entries');

/** Every literal permission string of a role, with the list and block it stands in (worked out once per role, kept with it). */
export function permissionEntries(role: RoleDefinition, keys?: readonly ListKey[]): readonly ListEntry[] {
  const all = role.memo.get(PERMISSION_ENTRIES, () => {
    const found: ListEntry[] = [];
    for (const block of role.blocks) {
      for (const list of Object.values(block.lists)) {
        for (const item of list.items) if (!item.expression) found.push({ item, list, block });
      }
    }
    return found;
  });
  return keys ? all.filter((e) => keys.includes(e.list.key)) : all;
}

/** `'text'` for messages; long values are shortened in the middle. */
export function quote(text: string): string {
  const shown = text.length > 120 ? `${text.slice(0, 70)}…${text.slice(-40)}` : text;
  return `'${shown}'`;
}

/**
 * Messages put their point first: the Problems panel and narrow terminals show about 80
 * characters. A value quoted at the head of a message may take `HEAD` of them, leaving the rest
 * for what is wrong with it.
 */
export const HEAD = 56;

/** How long the shortened form of a value may be, quotes included. */
const SHORT = 32;

/**
 * A value for the head of a message: quoted whole when it fits in `room` characters, else in its
 * short form. A message that shortens a value gives it whole further on (see `again`, `whole`).
 */
export function lead(text: string, room = HEAD): string {
  const whole = quote(text);
  return whole.length <= room ? whole : shortForm(text, Math.min(room, SHORT));
}

/**
 * A path-like value by its last segments after '…/' (`keep` at least, more while they fit in
 * `room`, quotes included), which tell it apart: '…/backupAadProperties/read'. A value of fewer
 * segments, or no longer than that, stays whole.
 */
export function shortForm(text: string, room = SHORT, keep = 2): string {
  const whole = quote(text);
  const segments = text.split('/');
  if (segments.length <= keep) return whole;
  let tail = segments.slice(-keep).join('/');
  for (let i = segments.length - keep - 1; i > 0; i--) {
    const longer = `${segments[i]}/${tail}`;
    if (longer.length + 4 > room) break;
    tail = longer;
  }
  const short = `'…/${tail}'`;
  return short.length < whole.length ? short : whole;
}

/** Whether `lead` shortens the value, so the message should quote it whole later. */
export function shortened(text: string, room = HEAD): boolean {
  return lead(text, room) !== quote(text);
}

/** The value again, after `lead` (with the same room): `pronoun` when it was quoted whole, else the whole of it. */
export function again(text: string, pronoun = 'it', room = HEAD): string {
  return shortened(text, room) ? quote(text) : pronoun;
}

/** ` ('<the whole value>')` after a clause that led with it shortened, else nothing. */
export function whole(text: string, room = HEAD): string {
  return shortened(text, room) ? ` (${quote(text)})` : '';
}

/** "a", "a or b", "a, b or c" */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c" */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${thousands(n)} ${n === 1 ? singular : plural}`;
}

export function planeWord(plane: 'action' | 'data'): string {
  return plane === 'action' ? 'control-plane' : 'data-plane';
}
