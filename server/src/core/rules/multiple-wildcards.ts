import { type Rule, count, facts, permissionEntries, quote } from './rule';

export const id = 'multiple-wildcards';

export const rule: Rule = {
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
        message: `${quote(item.value)} has ${stars} wildcards, but Azure accepts one '*' per permission string; ` +
          (meant.length ? `split it, or list the ${count(meant.length, 'operation')} it was meant to match.` : 'split it into strings with one each.'),
        data: { matches: meant.slice(0, 200) },
      });
    }
  },
};
