import { backupCatalogFor, namesBackupPermission } from '../../catalog/backup/backup-catalog';
import type { ScopeKind } from '../../catalog/backup/backup-operations';
import { assessBlocks } from '../analysis/assess';
import { LEVEL_WORDS, type ScopeLevel, coarser } from '../analysis/scope';
import type { Rule } from './rule';
import { quote } from './rule';

export const id = 'assignment-scope-insufficient';

/** The coarsest level a backup requirement's scope kind sits at. */
export const REQUIRED_LEVEL: Record<ScopeKind, ScopeLevel> = {
  'vault-subscription': 'subscription', subscription: 'subscription',
  'vault-resource-group': 'resourceGroup', 'vm-resource-group': 'resourceGroup', 'target-resource-group': 'resourceGroup',
  'recovery-services-vault': 'resource', 'backup-vault': 'resource', vm: 'resource', 'storage-account': 'resource', disk: 'resource', 'postgresql-server': 'resource',
};

export const rule: Rule = {
  id,
  summary: 'A role is assigned below the scope its purpose needs (cross-region restore below the subscription; dataActions at a management group).',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, role, scope, catalog, report }) {
    if (role.kind !== 'custom' || !scope) return;
    const at = assignment.scope?.node ?? assignment.roleDefinitionId?.node ?? assignment.node;
    const name = quote(role.entry.name ?? 'The role');
    if (role.entry.hasDataActions && scope.level === 'managementGroup') {
      report({
        at, severity: 'error',
        message: `${name} has dataActions, so Azure will not assign it at a management group; assign it at a subscription or below.`,
      });
    }
    if (role.entry.partial) return;
    // only a role naming a backup permission itself can be meant for a backup operation
    if (!namesBackupPermission(role.entry.blocks.flatMap((b) => [...b.actions, ...b.dataActions]))) return;
    const assessment = assessBlocks(role.entry.blocks, backupCatalogFor(catalog));
    const reported = new Set<string>();
    for (const op of assessment.aimed) {
      for (const part of op.parts) {
        if (!part.info.backupSpecific) continue;
        const needed = REQUIRED_LEVEL[part.info.requirement.scope];
        if (!coarser(needed, scope.level)) continue;
        const key = `${op.operation.title}|${part.info.requirement.where}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report({
          at,
          message: `${name} at ${LEVEL_WORDS[scope.level]} is too low for ${op.operation.title}, which needs its permissions at ${part.info.requirement.where}; assign it there.`,
        });
      }
    }
  },
};
