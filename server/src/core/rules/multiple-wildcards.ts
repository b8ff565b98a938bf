import { replaceWithMany } from '../model/edits';
import { MAX_EXPANSION, entryAt, isObject, isStringArray } from './fix';
import { HEAD, type Rule, again, count, facts, permissionEntries, quote, shortForm } from './rule';

export const id = 'multiple-wildcards';

/** Payload for the quick fix that lists the operations the string matched. */
export interface WildcardsData {
  readonly matches: readonly string[];
}

export const rule: Rule<WildcardsData> = {
  id,
  summary: "A permission string has more than one '*'; Azure accepts one wildcard per string.",
  defaultSeverity: 'error',
  appliesToBuiltInRoles: true,
  check({ role, catalog, report }) {
    for (const { item, list } of permissionEntries(role)) {
      const stars = facts(item, catalog).stars;
      if (stars < 2) continue;
      const meant = catalog.match(item.value, list.plane).map((op) => op.name);
      report({
        at: item.node,
        message: `${wildcards(item.value)} has ${stars} wildcards, but Azure accepts one '*' per string: ` +
          (meant.length ? `list the ${count(meant.length, 'operation')} it matches instead, or split ${again(item.value)}.` : `split ${again(item.value)} into strings with one each.`),
        data: { matches: meant.slice(0, 200) },
      });
    }
  },
  isData: (data): data is WildcardsData => isObject(data) && isStringArray(data.matches),
  fixes({ document, data, offset }) {
    const entry = entryAt(document, offset);
    if (!entry || data.matches.length === 0 || data.matches.length > MAX_EXPANSION) return [];
    return [{ title: `Replace with the ${count(data.matches.length, 'operation')} it matches`, edits: [replaceWithMany(document, entry.list.array, entry.item.node, data.matches)] }];
  },
};

/** The string for the head of the message: whole when it fits, else from the segment before its first '*' on, where the wildcards are. */
function wildcards(value: string): string {
  if (quote(value).length <= HEAD) return quote(value);
  const segments = value.split('/');
  const first = segments.findIndex((s) => s.includes('*'));
  return shortForm(value, 0, segments.length - Math.max(first - 1, 0));
}
