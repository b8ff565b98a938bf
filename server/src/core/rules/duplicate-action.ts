import { type Pattern, covers } from '../../catalog/wildcard';
import { patternOf } from '../model/string-item';
import type { StringItem } from '../model/role-document';
import { DiagnosticTag } from '../types';
import { removeFromArray } from '../model/edits';
import { entryAt, isObject } from './fix';
import { type Rule, again, facts, lead, quote, shortened } from './rule';

export const id = 'duplicate-action';

/** A list this long or shorter is searched for repeats string by string; a longer one is indexed. */
const SHORT_LIST = 48;

/** Room for the covering wildcard, second at the head of the message. */
const COVERING_ROOM = 40;

/** Payload for the quick fix that removes the redundant string. */
export interface DuplicateData {
  readonly coveredBy: string;
}

export const rule: Rule<DuplicateData> = {
  id,
  summary: 'A permission string repeats another of the same list, or a wildcard of the same list already covers it.',
  defaultSeverity: 'hint',
  appliesToBuiltInRoles: false,
  check({ role, catalog, report }) {
    for (const block of role.blocks) {
      for (const list of Object.values(block.lists)) {
        // (most lists are empty, or short and without wildcards: nothing is made for them that they do not need)
        if (list.items.length < 2) continue;
        // the wildcards that may cover others, compiled once per list
        const wildcards: { item: StringItem; lower: string; p: Pattern }[] = [];
        for (const o of list.items) {
          if (!o.expression && facts(o, catalog).stars > 0 && o.value !== '*') wildcards.push({ item: o, lower: facts(o, catalog).lowered, p: patternOf(o) });
        }
        // the strings before, by their lower case: a short list (most are) is searched, a long one indexed
        const seen = list.items.length > SHORT_LIST ? new Map<string, StringItem>() : undefined;
        const before: StringItem[] = [];
        for (const item of list.items) {
          if (item.expression) continue;
          const lower = facts(item, catalog).lowered;
          const first = seen ? seen.get(lower) : before.find((b) => facts(b, catalog).lowered === lower);
          if (first) {
            report({
              at: item.node,
              message: `${lead(item.value)} is already in ${list.key}; remove this repeat${shortened(item.value) ? ` of ${quote(first.value)}` : ''}.`,
              tags: [DiagnosticTag.Unnecessary],
              data: { coveredBy: first.value },
            });
            continue;
          }
          if (seen) seen.set(lower, item);
          else before.push(item);
          const stars = facts(item, catalog).stars;
          if (wildcards.length === 0 || stars > 1) continue;
          // (a string without a wildcard, most of them, is matched as it is: no pattern is made for it)
          const inner = stars === 0 ? undefined : patternOf(item);
          // under a bare '*' everything is covered; overly-broad-wildcard speaks to that instead
          const outer = wildcards.find((w) => w.item !== item && w.lower !== lower && (inner ? covers(w.p, inner) : w.p.stars === 1 && w.p.matchesLower(lower)))?.item;
          if (outer) {
            report({
              at: item.node,
              message: `${lead(item.value)} is already granted by ${lead(outer.value, COVERING_ROOM)} in ${list.key}; remove ${again(item.value)}, or narrow ${shortened(outer.value, COVERING_ROOM) ? quote(outer.value) : 'the wildcard'}.`,
              tags: [DiagnosticTag.Unnecessary],
              data: { coveredBy: outer.value },
            });
          }
        }
      }
    }
  },
  isData: (data): data is DuplicateData => isObject(data) && typeof data.coveredBy === 'string',
  fixes({ document, data, offset }) {
    const entry = entryAt(document, offset);
    if (!entry) return [];
    const title = data.coveredBy.toLowerCase() !== entry.item.value.toLowerCase() ? `Remove it (${JSON.stringify(data.coveredBy)} grants it)` : 'Remove the repeat';
    return [{ title, edits: [removeFromArray(document, entry.list.array, entry.item.node)], isPreferred: true }];
  },
  fixAll: { label: 'removed repeats' },
};
