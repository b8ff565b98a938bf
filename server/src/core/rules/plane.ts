// Shared by data-action-in-actions and action-in-data-actions: a string in a list of one plane
// that the catalog knows only in the other plane. Azure rejects such a role
// (InvalidActionOrNotAction / InvalidDataActionOrNotDataAction).
import { onlyInOtherPlane } from '../../catalog/catalog';
import type { Plane } from '../../catalog/permissions';
import { insertIntoList, removeFromArray } from '../model/edits';
import { LIST_KEYS, type ListKey } from '../model/role-document';
import { entryAt, isObject } from './fix';
import { type Fix, type FixContext, type Rule, type RuleContext, again, count, facts, lead, permissionEntries } from './rule';

const TARGET: Record<ListKey, ListKey> = {
  actions: 'dataActions', notActions: 'notDataActions', dataActions: 'actions', notDataActions: 'notActions',
};

/** Payload for the quick fix that moves the string. */
export interface WrongPlaneData {
  readonly from: ListKey;
  readonly to: ListKey;
}

export function checkPlane({ role, catalog, report }: RuleContext<WrongPlaneData>, listPlane: Plane): void {
  const otherWord = listPlane === 'action' ? 'data action' : 'control-plane action';
  // (the lists of the plane: all the role's entries, the others passed over, rather than a filtered copy per role)
  for (const { item, list } of permissionEntries(role)) {
    if (list.plane !== listPlane) continue;
    const value = item.value;
    const to = TARGET[list.key];
    const f = facts(item, catalog);
    if (f.stars === 0) {
      const op = f.op;
      if (op && onlyInOtherPlane(op, listPlane)) {
        report({ at: item.node, message: `${lead(value)} is a ${otherWord}: move it to ${to}; ${again(value)} has no effect in ${list.key}.`, data: { from: list.key, to } });
      }
      continue;
    }
    if (f.stars !== 1) continue;
    if (catalog.match(value, listPlane).length > 0 || catalog.coversBuiltinPattern(value, listPlane)) continue;
    const other = catalog.matchAll(value).filter((op) => onlyInOtherPlane(op, listPlane));
    if (other.length === 0) continue;
    report({
      at: item.node,
      message: `${lead(value)} matches only ${count(other.length, otherWord)}: move it to ${to}; ${again(value)} has no effect in ${list.key}.`,
      data: { from: list.key, to },
    });
  }
}

const isListKey = (v: unknown): v is ListKey => typeof v === 'string' && (LIST_KEYS as readonly string[]).includes(v);

/** What both plane rules share besides their check: the payload and the fix that moves the string. */
export const planeFixes: Pick<Rule<WrongPlaneData>, 'isData' | 'fixes' | 'fixAll'> = {
  isData: (data): data is WrongPlaneData => isObject(data) && isListKey(data.from) && isListKey(data.to),
  fixes({ document, data, offset }: FixContext<WrongPlaneData>): Fix[] {
    const entry = entryAt(document, offset);
    if (!entry || data.from !== entry.key) return [];
    const insert = insertIntoList(document, entry.block, data.to, [entry.item.value]);
    if (!insert) return [];
    return [{ title: `Move to ${data.to}`, edits: [removeFromArray(document, entry.list.array, entry.item.node), ...insert], isPreferred: true }];
  },
  fixAll: { label: 'moved to the right list' },
};
