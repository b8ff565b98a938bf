import { onlyInOtherPlane } from '../../catalog/catalog';
import { type Rule, facts, lead, orList, permissionEntries, planeWord, quote, whole } from './rule';
import { snapshotPhrase } from './unknown-action';

export const id = 'wildcard-matches-nothing';

export const rule: Rule = {
  id,
  summary: 'A wildcard matches no operation of its list\'s plane in the catalog.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  check({ role, catalog, report }) {
    for (const { item, list } of permissionEntries(role)) {
      const value = item.value;
      if (facts(item, catalog).stars !== 1) continue; // none (exact) or several (multiple-wildcards)
      const slash = value.indexOf('/');
      const namespace = slash < 0 ? undefined : value.slice(0, slash);
      const provider = namespace && !namespace.includes('*') ? catalog.provider(namespace) : undefined;
      if (namespace && !namespace.includes('*') && !provider) continue; // unknown-action names the provider
      if (catalog.match(value, list.plane).length > 0) continue;
      if (catalog.coversBuiltinPattern(value, list.plane)) continue;
      if (catalog.matchAll(value).some((op) => onlyInOtherPlane(op, list.plane))) continue; // wrong list: the plane rules say so
      const where = provider ? snapshotPhrase(provider) : `the catalog of ${catalog.date}`;
      const near = catalog.suggestWildcards(value, list.plane);
      report({
        at: item.node,
        message: `${lead(value)} matches no ${planeWord(list.plane)} operation in ${where}${whole(value)}` +
          (near.length ? `; did you mean ${orList(near.map(quote))}?` : '.'),
        data: { suggestions: near },
      });
    }
  },
};
