// Suppression comments, in files that may carry comments (ARM templates, JSONC, Bicep):
//   // azure-backup-rbac-disable-next-line unknown-action, duplicate-action
//   // azure-backup-rbac-disable overly-broad-wildcard        (the whole file)
// Without rule ids they silence every rule. A suppression that silences nothing is reported.
import { markedComments } from '../model/comments';
import type { RoleDocument } from '../model/role-document';
import type { Diagnostic } from '../types';

export const DISABLE_NEXT_LINE = 'azure-backup-rbac-disable-next-line';
export const DISABLE_FILE = 'azure-backup-rbac-disable';

export interface Suppression {
  readonly kind: 'next-line' | 'file';
  /** the comment */
  readonly offset: number;
  readonly length: number;
  /** the line it applies to (next-line), zero-based */
  readonly line: number;
  /** the rule ids it names; empty: every rule */
  readonly rules: readonly { readonly id: string; readonly offset: number; readonly length: number }[];
}

/** The suppressions of a document. */
export function findSuppressions(document: Pick<RoleDocument, 'text' | 'memo' | 'lines' | 'language'>): Suppression[] {
  const found: Suppression[] = [];
  const lines = document.lines;
  for (const { offset, text: comment } of markedComments(document)) {
    const m = /azure-backup-rbac-disable(-next-line)?(?![\w-])/.exec(comment);
    if (!m) continue;
    const after = m.index + m[0].length;
    const rest = comment.slice(after).replace(/\*\/$/, '');
    const rules = [...rest.matchAll(/[a-z][a-z0-9-]*/g)].map((r) => ({ id: r[0], offset: offset + after + (r.index ?? 0), length: r[0].length }));
    found.push({ kind: m[1] ? 'next-line' : 'file', offset, length: comment.length, line: lines.positionAt(offset).line + 1, rules });
  }
  return found;
}

/**
 * Drops the diagnostics a suppression silences, and reports suppressions (or rule ids of them)
 * that silence nothing. `known` tells rule ids apart from typos.
 */
export function applySuppressions(diagnostics: Diagnostic[], suppressions: readonly Suppression[], known: readonly string[],
  make: (offset: number, length: number, message: string) => Diagnostic | undefined): Diagnostic[] {
  if (suppressions.length === 0) return diagnostics;
  const used = new Set<string>();
  const key = (s: Suppression, id: string) => `${s.offset}:${id}`;
  const kept = diagnostics.filter((d) => {
    for (const s of suppressions) {
      if (s.kind === 'next-line' && d.range.start.line !== s.line) continue;
      const match = s.rules.length === 0 ? '*' : s.rules.find((r) => r.id === d.code)?.id;
      if (match === undefined) continue;
      used.add(key(s, match));
      return false;
    }
    return true;
  });
  for (const s of suppressions) {
    if (s.rules.length === 0) {
      if (!used.has(key(s, '*'))) {
        const d = make(s.offset, s.length, `This suppression silences nothing${s.kind === 'next-line' ? ' on the next line' : ' in this file'}; remove it.`);
        if (d) kept.push(d);
      }
      continue;
    }
    for (const r of s.rules) {
      if (used.has(key(s, r.id))) continue;
      const message = known.includes(r.id)
        ? `'${r.id}' reports nothing${s.kind === 'next-line' ? ' on the next line' : ' in this file'}; remove it from the suppression.`
        : `'${r.id}' is not a rule id of azure-backup-rbac; see docs/rules.md.`;
      const d = make(r.offset, r.length, message);
      if (d) kept.push(d);
    }
  }
  return kept;
}
