import { canonical } from '../model/arm/expression';
import { LEVEL_WORDS, coarser } from '../analysis/scope';
import { evaluateItem } from '../model/workspace';
import { type Rule, quote } from './rule';

export const id = 'broad-role-for-backup';

const BROAD: Record<string, string> = {
  owner: 'grants everything, access control included',
  contributor: 'grants every write',
  'user access administrator': 'manages all access',
};

export const rule: Rule = {
  id,
  summary: 'Owner, Contributor or User Access Administrator at a subscription or above for backup automation, where a Backup role suffices.',
  defaultSeverity: 'information',
  appliesToBuiltInRoles: true,
  checkAssignment({ document, assignment, role, scope, report }) {
    if (role.kind !== 'builtin' || !scope || coarser('subscription', scope.level)) return;
    const why = BROAD[role.role.name.toLowerCase()];
    if (!why || !assignment.roleDefinitionId) return;
    // backup automation: the template deploys backup resources, or the assignment speaks of backup
    const env = assignment.template?.env;
    const mentions = [assignment.principalId, assignment.principalName, assignment.name].filter((x) => x !== undefined)
      .map((x) => canonical(evaluateItem(x!, env)).toLowerCase());
    const backupTemplate = document.resources.some((r) => r.type.startsWith('microsoft.recoveryservices/') || r.type.startsWith('microsoft.dataprotection/'));
    if (!backupTemplate && !mentions.some((m) => m.includes('backup'))) return;
    report({
      at: assignment.roleDefinitionId.node,
      message: `${quote(role.role.name)} at ${LEVEL_WORDS[scope.level]} for backup automation: use Backup Contributor (with Virtual Machine Contributor where VMs are enabled for backup); ${role.role.name} ${why}.`,
    });
  },
};
