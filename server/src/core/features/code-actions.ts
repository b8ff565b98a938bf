// Code actions: each diagnostic's quick fixes come from the rule that raised it (a rule file holds
// its check, its payload with a guard, and its fixes), built from the payload (never the message)
// against the document as it is now, so a stale diagnostic yields no edit; suppression comments;
// and Fix All, which applies the preferred fix of every rule that allows it.
import type { Catalog } from '../../catalog/catalog';
import { type AnalyzeOptions, analyze } from '../analysis/analyze';
import { UNUSED_SUPPRESSION } from '../analysis/codes';
import { type OffsetEdit, applyEdits, lineStartOf, minimalEdit } from '../model/edits';
import { type RoleDocument, parseRoleDocument, roleAt } from '../model/role-document';
import { RULES } from '../rules';
import { DISABLE_FILE, DISABLE_NEXT_LINE } from '../analysis/suppressions';
import { count } from '../messages';
import type { Diagnostic } from '../types';

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
  /** reads the text after a fix, in the document's own language (JSON unless given) */
  readonly parse?: (text: string) => RoleDocument;
}

/** The fixes for one diagnostic, from the rule that raised it; the preferred one is what Fix All applies. */
function fixesFor(document: RoleDocument, catalog: Catalog, d: Diagnostic): CodeActionResult[] {
  const rule = RULES.find((r) => r.id === d.code);
  if (!rule?.fixes || !rule.isData?.(d.data)) return [];
  const offset = document.lines.offsetAt(d.range.start);
  return rule.fixes({ document, catalog, data: d.data, offset }).map((f) => ({ ...f, kind: QUICK_FIX_KIND, diagnostics: [d] }));
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
    const all = fixAll(document, catalog, options.analyze, options.parse);
    if (all) actions.push(all);
  }
  return actions;
}

/**
 * Every safe fix of the file: applied one at a time to the text, re-checking after each, so fixes
 * never collide; offered as one edit of the part of the file that changes.
 */
const within = (n: { offset: number; length: number }, offset: number) => offset >= n.offset && offset <= n.offset + n.length;

export function fixAll(document: RoleDocument, catalog: Catalog, analyzeOptions: AnalyzeOptions = {}, parse: (text: string) => RoleDocument = parseRoleDocument): CodeActionResult | undefined {
  let current = document;
  const counts = new Map<string, number>();
  const tried = new Set<string>();
  // each round fixes one problem in each role and each assignment (their text does not overlap),
  // then checks the text again: a large template takes a few rounds, not one per problem
  for (let round = 0; round < 200; round++) {
    const diagnostics = analyze(current, catalog, analyzeOptions);
    const owners = new Set<unknown>();
    const chosen: { edits: readonly OffsetEdit[]; label: string }[] = [];
    for (const d of diagnostics) {
      // only what a rule says its preferred fix may do unasked
      const rule = RULES.find((r) => r.id === d.code);
      if (!rule?.fixAll || !rule.isData?.(d.data) || rule.fixAll.accepts?.(d.data) === false) continue;
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
      chosen.push({ edits: fix.edits, label: rule.fixAll.label });
    }
    // edits of different owners do not overlap; should two ever touch, the later waits a round
    const edits: OffsetEdit[] = [];
    for (const c of chosen) {
      if (c.edits.some((e) => edits.some((f) => e.offset < f.offset + f.length + 1 && f.offset < e.offset + e.length + 1))) continue;
      edits.push(...c.edits);
      counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
    }
    if (edits.length === 0) break;
    current = parse(applyEdits(current.text, edits));
  }
  const edit = minimalEdit(document.text, current.text);
  if (!edit) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    title: `Fix ${count(total, 'problem')} (${[...counts].map(([k, n]) => `${k}: ${n}`).join(', ')})`,
    kind: FIX_ALL_KIND,
    edits: [edit],
  };
}
