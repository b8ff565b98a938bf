import { type BackupCatalog, backupCatalogFor, namesBackupPermission } from '../../catalog/backup/backup-catalog';
import type { ScopeKind } from '../../catalog/backup/backup-operations';
import { type OperationAssessment, assessBlocks, assessRole } from '../analysis/assess';
import type { RoleDefinition } from '../model/role-document';
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

/**
 * The operations a role of this document is aimed at by the permissions it names alone, from the
 * assessment missing-operation-permissions makes of it (kept with the role), rather than assessing
 * the same strings again from the workspace entry. That assessment, with nothing declared, chooses
 * by evidence first and only then adds what the role's name or description points to (`byWords`),
 * so leaving those out gives what `assessBlocks` of the entry's strings chooses. Undefined when the
 * role cannot be assessed from the document (then the entry's strings are).
 */
function aimedByEvidence(role: RoleDefinition, backup: BackupCatalog): readonly OperationAssessment[] | undefined {
  return assessRole(role, backup, NOTHING_DECLARED)?.aimed.filter((o) => o.byWords === undefined);
}

const NOTHING_DECLARED: ReadonlySet<string> = new Set();

export const rule: Rule = {
  id,
  summary: 'A role is assigned below the scope its purpose needs (cross-region restore below the subscription; dataActions at a management group).',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkAssignment({ assignment, role, scope, catalog, definitionOf, report }) {
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
    const backup = backupCatalogFor(catalog);
    const own = definitionOf(role.entry);
    const aimed = (own && aimedByEvidence(own, backup)) ?? assessBlocks(role.entry.blocks, backup).aimed;
    const reported = new Set<string>();
    for (const op of aimed) {
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
