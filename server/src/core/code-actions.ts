// Quick fixes, chosen by diagnostic code and built from diagnostic data (never the message), and
// checked against the document as it is now: a stale diagnostic yields no edit.
import type { Catalog } from '../catalog/catalog';
import { backupCatalogFor } from '../catalog/backup/backup-catalog';
import { type AnalyzeOptions, analyze } from './analyze';
import { assessRole } from './backup/assess';
import { type OffsetEdit, applyEdits, insertIntoList, insertPropertyAfter, lineStartOf, minimalEdit, removeFromArray, replaceWithMany } from './edits';
import { LIST_KEYS, type ListKey, type PermissionBlockModel, type RoleDefinition, type RoleDocument, parseRoleDocument, roleAt } from './role-document';
import { type DuplicateData, id as DUPLICATE } from './rules/duplicate-action';
import { type BlockerData, type MissingData, id as MISSING, targetList } from './rules/missing-operation-permissions';
import { type PrincipalTypeData, id as PRINCIPAL_TYPE } from './rules/missing-principal-type';
import { id as MULTIPLE_WILDCARDS } from './rules/multiple-wildcards';
import { id as OVERLY_BROAD } from './rules/overly-broad-wildcard';
import type { WrongPlaneData } from './rules/plane';
import { type UnknownActionData, id as UNKNOWN_ACTION } from './rules/unknown-action';
import { type UnknownRoleData, id as UNKNOWN_ROLE } from './rules/unknown-role-definition';
import { UNUSED_SUPPRESSION } from './codes';
import { DISABLE_FILE, DISABLE_NEXT_LINE } from './suppressions';
import type { StringItem } from './string-item';
import type { Diagnostic } from './types';

export const FIX_ALL_KIND = 'source.fixAll.azureBackupRbac';
export const QUICK_FIX_KIND = 'quickfix';

export interface CodeActionResult {
  readonly title: string;
  readonly kind: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly isPreferred?: boolean;
  readonly edits: readonly OffsetEdit[];
}

export interface CodeActionOptions {
  readonly only?: readonly string[];
  readonly analyze?: AnalyzeOptions;
  /** the file may carry comments (JSONC, ARM templates): suppression comments can be offered */
  readonly commentsAllowed?: boolean;
}

const PLANE_RULES = new Set(['data-action-in-actions', 'action-in-data-actions']);
const MAX_EXPANSION = 40;

/** The list entry a diagnostic stands on. */
function entryAt(role: RoleDefinition, offset: number): { block: PermissionBlockModel; key: ListKey; item: StringItem } | undefined {
  for (const block of role.blocks) {
    for (const list of Object.values(block.lists)) {
      const item = list.items.find((i) => i.node.offset === offset);
      if (item) return { block, key: list.key, item };
    }
  }
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Insertions of permission names into a role's allow lists, merged per list. */
function additions(document: RoleDocument, wanted: readonly { role: RoleDefinition; names: readonly { name: string; data?: boolean }[] }[]): { edits: OffsetEdit[]; added: number } {
  const perList = new Map<PermissionBlockModel, Map<ListKey, Set<string>>>();
  for (const { role, names } of wanted) {
    for (const n of names) {
      const target = targetList(role, !!n.data);
      if (!target) continue;
      const lists = perList.get(target.block) ?? new Map<ListKey, Set<string>>();
      const set = lists.get(target.key) ?? new Set<string>();
      set.add(n.name);
      lists.set(target.key, set);
      perList.set(target.block, lists);
    }
  }
  const edits: OffsetEdit[] = [];
  let added = 0;
  for (const [block, lists] of perList) {
    for (const [key, names] of lists) {
      const present = new Set(block.lists[key].items.map((i) => i.value.toLowerCase()));
      const e = insertIntoList(document, block, key, [...names]);
      if (!e) continue;
      edits.push(...e);
      added += [...names].filter((n) => !present.has(n.toLowerCase())).length;
    }
  }
  return { edits, added };
}

/**
 * What the missing-permissions quick fix does (and the coverage view's "Add missing permissions"):
 * adds the names to the role's allow lists in the file's own layout; undefined when all are there.
 */
export function addPermissionsFix(document: RoleDocument, role: RoleDefinition, names: readonly { name: string; data?: boolean }[], operationTitle: string): CodeActionResult | undefined {
  const { edits, added } = additions(document, [{ role, names }]);
  if (added === 0) return undefined;
  return { title: `Add the ${added === 1 ? 'missing permission' : `${added} missing permissions`} for ${operationTitle}`, kind: QUICK_FIX_KIND, isPreferred: true, edits };
}

/** The fixes for one diagnostic; the first preferred one is what "fix all" applies for safe codes. */
function fixesFor(document: RoleDocument, catalog: Catalog, d: Diagnostic): CodeActionResult[] {
  const offset = document.lines.offsetAt(d.range.start);
  const quick = (title: string, edits: OffsetEdit[], isPreferred = false): CodeActionResult => ({ title, kind: QUICK_FIX_KIND, diagnostics: [d], isPreferred, edits });
  switch (d.code) {
    case UNKNOWN_ROLE: {
      const data = d.data as UnknownRoleData | undefined;
      if (!data?.replacement || !data.at || typeof data.guid !== 'string' || typeof data.replacement.id !== 'string' || !Number.isInteger(data.at.offset) || !Number.isInteger(data.at.length)) return [];
      if (document.text.slice(data.at.offset, data.at.offset + data.at.length).toLowerCase() !== data.guid) return []; // stale
      return [quick(`Use ${data.replacement.name} (${data.replacement.id})`, [{ offset: data.at.offset, length: data.at.length, text: data.replacement.id }], true)];
    }
    case PRINCIPAL_TYPE: {
      const data = d.data as PrincipalTypeData | undefined;
      const assignment = document.assignments.find((a) => a.principalId?.node.parent?.offset === offset);
      const property = assignment?.principalId?.node.parent;
      if (!assignment || !property || assignment.principalType) return [];
      const suggested = typeof data?.suggested === 'string' ? data.suggested : undefined;
      const choices = suggested ? [suggested] : ['ServicePrincipal', 'Group', 'User'];
      return choices.map((type) => quick(`Add "principalType": "${type}"`, [insertPropertyAfter(document, property, 'principalType', JSON.stringify(type))], suggested === type));
    }
    case MISSING: {
      const role = roleAt(document, offset);
      const data = d.data as MissingData | BlockerData | undefined;
      if (!role || !data) return [];
      if (data.kind === 'missing') {
        if (!Array.isArray(data.addable) || !data.addable.every((a) => typeof a?.name === 'string') || typeof data.title !== 'string') return [];
        const fix = addPermissionsFix(document, role, data.addable, data.title);
        return fix ? [{ ...fix, diagnostics: [d] }] : [];
      }
      if (data.kind === 'blocker') {
        const entry = entryAt(role, offset);
        const list = entry && entry.block.lists[entry.key];
        if (!entry || !list?.array || typeof data.blocker !== 'string' || entry.item.value !== data.blocker) return [];
        return [quick(`Remove ${JSON.stringify(data.blocker)} from ${entry.key}`, [removeFromArray(list.array, entry.item.node)])];
      }
      return [];
    }
  }
  const role = roleAt(document, offset);
  const entry = role && entryAt(role, offset);
  if (!role || !entry) return [];
  const list = entry.block.lists[entry.key];
  if (!list.array) return [];
  switch (d.code) {
    case UNKNOWN_ACTION: {
      const data = d.data as UnknownActionData | undefined;
      const suggestions = (Array.isArray(data?.suggestions) ? data.suggestions : []).filter((x): x is string => typeof x === 'string').slice(0, 3);
      return suggestions.map((s) => quick(`Change to ${JSON.stringify(s)}`, [{ offset: entry.item.node.offset, length: entry.item.node.length, text: JSON.stringify(s) }],
        suggestions.length === 1 || data?.reason === 'whitespace'));
    }
    case DUPLICATE: {
      const data = d.data as DuplicateData | undefined;
      const title = typeof data?.coveredBy === 'string' && data.coveredBy.toLowerCase() !== entry.item.value.toLowerCase() ? `Remove it (${JSON.stringify(data.coveredBy)} grants it)` : 'Remove the repeat';
      return [quick(title, [removeFromArray(list.array, entry.item.node)], true)];
    }
    case MULTIPLE_WILDCARDS: {
      const given = (d.data as { matches?: unknown } | undefined)?.matches;
      const matches = Array.isArray(given) ? given.filter((x): x is string => typeof x === 'string') : [];
      if (matches.length === 0 || matches.length > MAX_EXPANSION) return [];
      return [quick(`Replace with the ${plural(matches.length, 'operation')} it matches`, [replaceWithMany(document, list.array, entry.item.node, matches)])];
    }
    case OVERLY_BROAD:
      return broadWildcardFixes(document, catalog, role, entry, d);
  }
  if (PLANE_RULES.has(String(d.code))) {
    const data = d.data as WrongPlaneData | undefined;
    if (!data || data.from !== entry.key || !LIST_KEYS.includes(data.to)) return [];
    const insert = insertIntoList(document, entry.block, data.to, [entry.item.value]);
    if (!insert) return [];
    return [quick(`Move to ${data.to}`, [removeFromArray(list.array, entry.item.node), ...insert], true)];
  }
  return [];
}

/** A cross-provider wildcard replaced by what the role's backup operations need, or by one provider's operations. */
function broadWildcardFixes(document: RoleDocument, catalog: Catalog, role: RoleDefinition, entry: { block: PermissionBlockModel; key: ListKey; item: StringItem }, d: Diagnostic): CodeActionResult[] {
  const list = entry.block.lists[entry.key];
  if (!list.array) return [];
  const plane = list.plane;
  const present = new Set(list.items.map((i) => i.value.toLowerCase()));
  const fixes: CodeActionResult[] = [];
  const assessment = assessRole(role, backupCatalogFor(catalog), new Set());
  if (assessment) {
    const needed = new Set<string>();
    for (const op of assessment.aimed) {
      for (const part of op.parts) {
        if (!part.info.backupSpecific && !part.touched) continue;
        for (const p of part.info.requirement.permissions) if (!p.optional && !!p.data === (plane === 'data') && !present.has(p.name.toLowerCase())) needed.add(p.name);
      }
    }
    if (needed.size > 0 && needed.size <= MAX_EXPANSION) {
      fixes.push({ title: `Replace ${JSON.stringify(entry.item.value)} with the ${plural(needed.size, 'permission')} its Azure Backup operations need`, kind: QUICK_FIX_KIND, diagnostics: [d],
        edits: [replaceWithMany(document, list.array, entry.item.node, [...needed])] });
    }
  }
  // the providers the role names elsewhere
  const providers = new Set<string>();
  for (const b of role.blocks) for (const l of Object.values(b.lists)) for (const i of l.items) if (!i.expression && !i.value.startsWith('*')) providers.add(i.value.split('/')[0].toLowerCase());
  for (const ns of [...providers].slice(0, 3)) {
    const provider = catalog.provider(ns);
    if (!provider) continue;
    const suffix = entry.item.value.slice(1); // '*/write' keeps '/write'
    const ops = catalog.match(`${provider.name}/*${suffix}`, plane).map((o) => o.name).filter((n) => !present.has(n.toLowerCase()));
    if (ops.length === 0 || ops.length > MAX_EXPANSION) continue;
    fixes.push({ title: `Replace ${JSON.stringify(entry.item.value)} with the ${plural(ops.length, 'operation')} of ${provider.name} it grants`, kind: QUICK_FIX_KIND, diagnostics: [d],
      edits: [replaceWithMany(document, list.array, entry.item.node, ops)] });
  }
  return fixes;
}

/** "Suppress … on this line" and "in this file", for files that may carry comments. */
function suppressionFixes(document: RoleDocument, d: Diagnostic): CodeActionResult[] {
  if (d.code === UNUSED_SUPPRESSION) {
    const offset = document.lines.offsetAt(d.range.start);
    const end = document.lines.offsetAt(d.range.end);
    return [{ title: 'Remove the unused suppression', kind: QUICK_FIX_KIND, diagnostics: [d], edits: [{ offset, length: end - offset, text: '' }] }];
  }
  const line = lineStartOf(document, document.lines.offsetAt(d.range.start));
  return [
    { title: `Suppress ${d.code} on this line`, kind: QUICK_FIX_KIND, diagnostics: [d],
      edits: [{ offset: line.offset, length: 0, text: `${line.indent}// ${DISABLE_NEXT_LINE} ${d.code}${line.eol}` }] },
    { title: `Suppress ${d.code} in this file`, kind: QUICK_FIX_KIND, diagnostics: [d],
      edits: [{ offset: 0, length: 0, text: `// ${DISABLE_FILE} ${d.code}${lineStartOf(document, 0).eol}` }] },
  ];
}

export function codeActions(document: RoleDocument, catalog: Catalog, diagnostics: readonly Diagnostic[], options: CodeActionOptions = {}): CodeActionResult[] {
  const wants = (kind: string) => !options.only?.length || options.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeActionResult[] = [];
  if (wants(QUICK_FIX_KIND)) {
    for (const d of diagnostics) {
      actions.push(...fixesFor(document, catalog, d));
      if (options.commentsAllowed) actions.push(...suppressionFixes(document, d));
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const all = fixAll(document, catalog, options.analyze);
    if (all) actions.push(all);
  }
  return actions;
}

/** Codes whose preferred fix is safe to apply without looking: the fix says exactly what the rule says. */
const SAFE = new Set([MISSING, DUPLICATE, 'data-action-in-actions', 'action-in-data-actions', UNKNOWN_ACTION]);

const KIND_OF_FIX: Record<string, string> = {
  [MISSING]: 'added missing permissions', [DUPLICATE]: 'removed repeats', 'data-action-in-actions': 'moved to the right list',
  'action-in-data-actions': 'moved to the right list', [UNKNOWN_ACTION]: 'corrected names',
};

/**
 * Every safe fix of the file: applied one at a time to the text, re-checking after each, so fixes
 * never collide; offered as one edit of the part of the file that changes.
 */
const within = (n: { offset: number; length: number }, offset: number) => offset >= n.offset && offset <= n.offset + n.length;

export function fixAll(document: RoleDocument, catalog: Catalog, analyzeOptions: AnalyzeOptions = {}): CodeActionResult | undefined {
  let current = document;
  const counts = new Map<string, number>();
  const tried = new Set<string>();
  // each round fixes one problem in each role and each assignment (their text does not overlap),
  // then checks the text again: a large template takes a few rounds, not one per problem
  for (let round = 0; round < 200; round++) {
    const diagnostics = analyze(current, catalog, analyzeOptions).filter((d) => SAFE.has(String(d.code)));
    const owners = new Set<unknown>();
    const chosen: { edits: readonly OffsetEdit[]; code: string }[] = [];
    for (const d of diagnostics) {
      // an unknown action is fixed only when one name is clearly meant; missing permissions only on the vault side
      if (d.code === UNKNOWN_ACTION && (d.data as UnknownActionData | undefined)?.suggestions.length !== 1) continue;
      if (d.code === MISSING && !(d.data as MissingData | undefined)?.primary) continue;
      const key = `${d.code}:${d.message}`;
      if (tried.has(key)) continue;
      const offset = current.lines.offsetAt(d.range.start);
      const owner = roleAt(current, offset) ?? current.assignments.find((a) => within(a.resource?.node ?? a.node, offset)) ?? 'document';
      if (owners.has(owner)) continue;
      const fix = fixesFor(current, catalog, d).find((f) => f.isPreferred);
      if (!fix || fix.edits.length === 0 || applyEdits(current.text, fix.edits) === current.text) {
        tried.add(key);
        continue;
      }
      owners.add(owner);
      chosen.push({ edits: fix.edits, code: String(d.code) });
    }
    // edits of different owners do not overlap; should two ever touch, the later waits a round
    const edits: OffsetEdit[] = [];
    for (const c of chosen) {
      if (c.edits.some((e) => edits.some((f) => e.offset < f.offset + f.length + 1 && f.offset < e.offset + e.length + 1))) continue;
      edits.push(...c.edits);
      const kind = KIND_OF_FIX[c.code];
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    if (edits.length === 0) break;
    current = parseRoleDocument(applyEdits(current.text, edits));
  }
  const edit = minimalEdit(document.text, current.text);
  if (!edit) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    title: `Fix ${plural(total, 'problem')} (${[...counts].map(([k, n]) => `${k}: ${n}`).join(', ')})`,
    kind: FIX_ALL_KIND,
    edits: [edit],
  };
}
