import { covers, pattern } from '../../catalog/wildcard';
import type { StringItem } from '../role-document';
import { DiagnosticTag } from '../types';
import { type Rule, quote } from './rule';

export const id = 'duplicate-action';

/** Payload for the quick fix that removes the redundant string. */
export interface DuplicateData {
  readonly coveredBy: string;
}

export const rule: Rule = {
  id,
  summary: 'A permission string repeats another of the same list, or a wildcard of the same list already covers it.',
  defaultSeverity: 'hint',
  appliesToBuiltInRoles: false,
  check({ role, report }) {
    for (const block of role.blocks) {
      for (const list of Object.values(block.lists)) {
        const literals = list.items.filter((i) => !i.expression);
        const seen = new Map<string, StringItem>();
        for (const item of literals) {
          const lower = item.value.toLowerCase();
          const first = seen.get(lower);
          if (first) {
            report({
              at: item.node,
              message: `${quote(item.value)} is already in ${list.key}; remove the repeat.`,
              tags: [DiagnosticTag.Unnecessary],
              data: { coveredBy: first.value } satisfies DuplicateData,
            });
            continue;
          }
          seen.set(lower, item);
          const inner = pattern(item.value);
          if (inner.stars > 1) continue;
          // under a bare '*' everything is covered; overly-broad-wildcard speaks to that instead
          const outer = literals.find((o) => o !== item && o.value.includes('*') && o.value !== '*' && o.value.toLowerCase() !== lower && covers(pattern(o.value), inner));
          if (outer) {
            report({
              at: item.node,
              message: `${quote(item.value)} is already granted by ${quote(outer.value)} in ${list.key}; remove it, or narrow the wildcard.`,
              tags: [DiagnosticTag.Unnecessary],
              data: { coveredBy: outer.value } satisfies DuplicateData,
            });
          }
        }
      }
    }
  },
};
