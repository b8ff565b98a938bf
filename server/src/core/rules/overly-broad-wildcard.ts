import type { Catalog } from '../../catalog/catalog';
import type { RoleDocument } from '../model/role-document';
import { patternOf } from '../model/string-item';
import { backupCatalogFor } from '../../catalog/backup/backup-catalog';
import { assessRole } from '../analysis/assess';
import { replaceWithMany } from '../model/edits';
import { MAX_EXPANSION, type EntryAt, entryAt } from './fix';
import { type Fix, type Rule, count, facts, lead, permissionEntries, planeWord, quote } from './rule';

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
  // the fixes read the role, not a payload
  isData: (_data): _data is unknown => true,
  fixes({ document, catalog, offset }) {
    const entry = entryAt(document, offset);
    return entry ? narrowings(catalog, document, entry) : [];
  },
};

/** A cross-provider wildcard replaced by what the role's backup operations need, or by one provider's operations. */
function narrowings(catalog: Catalog, document: RoleDocument, entry: EntryAt): Fix[] {
  const { role, list, item } = entry;
  const plane = list.plane;
  const present = new Set(list.items.map((i) => i.value.toLowerCase()));
  const fixes: Fix[] = [];
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
      fixes.push({ title: `Replace ${JSON.stringify(item.value)} with the ${count(needed.size, 'permission')} its Azure Backup operations need`,
        edits: [replaceWithMany(document, list.array, item.node, [...needed])] });
    }
  }
  // the providers the role names elsewhere
  const providers = new Set<string>();
  for (const b of role.blocks) for (const l of Object.values(b.lists)) for (const i of l.items) if (!i.expression && !i.value.startsWith('*')) providers.add(i.value.split('/')[0].toLowerCase());
  for (const ns of [...providers].slice(0, 3)) {
    const provider = catalog.provider(ns);
    if (!provider) continue;
    const suffix = item.value.slice(1); // '*/write' keeps '/write'
    const ops = catalog.match(`${provider.name}/*${suffix}`, plane).map((o) => o.name).filter((n) => !present.has(n.toLowerCase()));
    if (ops.length === 0 || ops.length > MAX_EXPANSION) continue;
    fixes.push({ title: `Replace ${JSON.stringify(item.value)} with the ${count(ops.length, 'operation')} of ${provider.name} it grants`,
      edits: [replaceWithMany(document, list.array, item.node, ops)] });
  }
  return fixes;
}
