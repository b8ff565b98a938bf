import { grantingEntry } from '../../catalog/permissions';
import { compileModelBlock } from '../analysis/grants';
import type { StringItem } from '../model/role-document';
import { lowerOf } from '../model/string-item';
import { type Rule, andList, lead, quote, shortened } from './rule';

export const id = 'privilege-escalation';

/**
 * Operations that let a principal grant access, itself included. (elevateAccess/Action is left
 * out: only Global Administrators can call it, whatever their role says.)
 */
export const ACCESS_WRITES: readonly { name: string; what: string }[] = [
  { name: 'Microsoft.Authorization/roleAssignments/write', what: 'create role assignments' },
  { name: 'Microsoft.Authorization/roleDefinitions/write', what: 'edit role definitions' },
  { name: 'Microsoft.Authorization/roleAssignmentScheduleRequests/write', what: 'request active role assignments' },
  { name: 'Microsoft.Authorization/roleEligibilityScheduleRequests/write', what: 'request eligible role assignments' },
];

const AUTHORIZATION = 'microsoft.authorization/';

/** Whether a permission string can match an operation of Microsoft.Authorization (only those can grant the writes). */
function mayGrant(item: StringItem): boolean {
  const lower = lowerOf(item);
  const star = lower.indexOf('*');
  const head = star < 0 ? lower : lower.slice(0, star);
  return AUTHORIZATION.startsWith(head) || head.startsWith(AUTHORIZATION);
}


export const rule: Rule = {
  id,
  summary: 'The role grants writes to role assignments or role definitions (after wildcards and notActions), so its holders can grant themselves any access.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: false,
  check({ role, report }) {
    for (const block of role.blocks) {
      // only strings that can reach Microsoft.Authorization can grant the writes
      const literal = compileModelBlock(block, { planes: ['action'], keep: mayGrant });
      if (!literal || literal.allow.action.length === 0) continue;
      const byEntry = new Map<string, string[]>();
      for (const sensitive of ACCESS_WRITES) {
        const entry = grantingEntry(literal, sensitive.name.toLowerCase(), 'action');
        if (entry === undefined) continue;
        byEntry.set(entry.text, [...(byEntry.get(entry.text) ?? []), sensitive.what]);
      }
      for (const [entry, what] of byEntry) {
        const item = block.lists.actions.items.find((i) => !i.expression && i.value === entry);
        if (!item) continue;
        const shown = what.length > 2 ? [...what.slice(0, 2), `make ${what.length - 2} other access writes`] : what;
        report({
          at: item.node,
          message: `${lead(entry)} lets holders grant themselves any access (${shortened(entry) ? `${quote(entry)} lets them` : 'they can'} ${andList(shown)}); ` +
            "exclude 'Microsoft.Authorization/*/write' in notActions unless the role exists to manage access.",
          data: { grants: what },
        });
      }
    }
  },
};
