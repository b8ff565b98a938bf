import { patternOf } from '../string-item';
import { type Rule, count, facts, lead, permissionEntries, planeWord, quote } from './rule';

export const id = 'overly-broad-wildcard';

// Wildcards that reach every provider: '*', '*/write', '*/delete', '*/action'... but not '*/read'
// (reading is what Reader grants) nor '*/register/action' (registering resource providers in the
// subscription, which Contributor-like roles need and which grants no access to resources).
const ACCEPTED = new Set(['*/read', '*/register/action']);

export function isCrossProvider(value: string): boolean {
  return value.startsWith('*') && !ACCEPTED.has(value.toLowerCase());
}

export const rule: Rule = {
  id,
  summary: "A wildcard grants operations across every resource provider ('*', '*/write', '*/action'…).",
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: false,
  check({ role, catalog, report }) {
    for (const { item, list, block } of permissionEntries(role, ['actions', 'dataActions'])) {
      if (!isCrossProvider(item.value) || facts(item, catalog).stars !== 1) continue;
      const deny = block.lists[list.key === 'actions' ? 'notActions' : 'notDataActions'].items
        .filter((i) => !i.expression).map(patternOf);
      const granted = catalog.match(item.value, list.plane).filter((op) => !deny.some((d) => d.matchesLower(op.lower)));
      const providers = new Set(granted.map((op) => op.provider.lower)).size;
      const what = item.value === '*' ? `every ${planeWord(list.plane)} operation` : `every ${planeWord(list.plane)} operation ending in ${quote(item.value.slice(1))}`;
      report({
        at: item.node,
        message: `${lead(item.value)} grants ${count(granted.length, 'operation')} of ${count(providers, 'provider')}: list the ones the role needs instead; ` +
          `it matches ${what} of every provider in the catalog${deny.length ? ' (counted after notActions)' : ''}.`,
        data: { granted: granted.length },
      });
    }
  },
};
