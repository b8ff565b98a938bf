import { backupCatalogFor, blocksGrant } from '../../catalog/backup/backup-catalog';
import type { Requirement, Workload } from '../../catalog/backup/backup-operations';
import { type CompiledBlock, compileBlock } from '../../catalog/permissions';
import { canonical } from '../model/arm/expression';
import type { TemplateResource } from '../model/arm/template';
import { prop, stringValue } from '../model/json';
import { resolveRole } from '../analysis/resolve';
import { evaluateItem } from '../model/workspace';
import { stringItemOf } from '../model/string-item';
import type { Rule } from './rule';

export const id = 'vault-identity-missing-role';

const VAULTS = 'microsoft.dataprotection/backupvaults';
const INSTANCES = 'microsoft.dataprotection/backupvaults/backupinstances';

/** The workload a backup instance protects, from its data source type. */
export function workloadOf(datasourceType: string): Workload | undefined {
  const t = datasourceType.toLowerCase();
  if (t === 'microsoft.compute/disks') return 'disk';
  if (t.startsWith('microsoft.storage/storageaccounts')) return 'blob';
  if (t.startsWith('microsoft.dbforpostgresql/')) return 'postgresql';
  return undefined;
}

function datasourceTypeNode(instance: TemplateResource) {
  const info = prop(instance.properties, 'dataSourceInfo');
  return prop(info, 'datasourceType') ?? prop(info, 'resourceType');
}

/** The vault a backup instance belongs to: its parent resource, or the first vault of the template. */
function vaultOf(instance: TemplateResource, vaults: readonly TemplateResource[]): TemplateResource | undefined {
  if (instance.parent?.type === VAULTS) return instance.parent;
  return vaults[0];
}

export const rule: Rule = {
  id,
  summary: "A template creates a Backup vault and backup instances for disks, blobs or PostgreSQL without giving the vault's managed identity the roles Microsoft's tables require.",
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkDocument({ document, catalog, workspace, report }) {
    const vaults = document.resources.filter((r) => r.type === VAULTS);
    if (vaults.length === 0) return;
    const instances = document.resources.filter((r) => r.type === INSTANCES || (r.type === 'backupinstances' && r.parent?.type === VAULTS));
    if (instances.length === 0) return;
    const backup = backupCatalogFor(catalog);
    // assignments to a vault's managed identity: principalId reads a backup vault's identity
    const vaultIdentityGrants: { blocks: readonly CompiledBlock[] }[] = [];
    for (const a of document.assignments) {
      if (!a.principalId) continue;
      const principal = canonical(evaluateItem(a.principalId, a.template?.env)).toLowerCase();
      const symbolic = vaults.some((v) => {
        const key = v.node.parent?.type === 'property' ? String(v.node.parent.children?.[0]?.value).toLowerCase() : undefined;
        return key !== undefined && principal.includes(`reference('${key}'`);
      });
      if (!principal.includes('identity.principalid') || !(principal.includes('backupvaults') || symbolic)) continue;
      const role = resolveRole(catalog, workspace, a.roleDefinitionId, a.roleDefinitionName, a.template?.env);
      if (role.kind === 'builtin') vaultIdentityGrants.push({ blocks: catalog.compiled(role.role) });
      else if (role.kind === 'custom') vaultIdentityGrants.push({ blocks: role.entry.blocks.map(compileBlock) });
      else vaultIdentityGrants.push({ blocks: [] }); // a role we cannot resolve: assume it may be the one
    }
    const unresolved = vaultIdentityGrants.some((g) => g.blocks.length === 0);
    const reported = new Set<string>();
    for (const instance of instances) {
      const node = datasourceTypeNode(instance);
      const type = stringValue(node);
      if (!node || !type) continue;
      const item = stringItemOf(node);
      const value = item ? evaluateItem(item, instance.template.env) : undefined;
      const workload = value?.kind === 'string' ? workloadOf(value.value) : undefined;
      if (!workload) continue;
      const op = backup.operation(`${workload}-enable-backup`);
      const requirement: Requirement | undefined = op?.requirements.find((r) => r.vaultIdentity);
      if (!op || !requirement || unresolved) continue;
      const granted = vaultIdentityGrants.some((g) => requirement.permissions.every((p) => p.optional || blocksGrant(g.blocks, p)));
      if (granted) continue;
      const vault = vaultOf(instance, vaults);
      const key = `${workload}|${vault?.node.offset}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const what = workload === 'disk' ? 'disks' : workload === 'blob' ? 'blobs' : 'PostgreSQL servers';
      report({
        at: node,
        message: `The Backup vault's identity lacks ${requirement.role}: assign it on ${requirement.where}, or backups of ${what} fail; `
          + `no role assignment here gives it, and Microsoft's table requires it for "${op.title}".`,
        data: { workload, role: requirement.role },
      });
    }
  },
};
