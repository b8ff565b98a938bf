// A template that creates a Backup vault and backup instances must give the vault's managed
// identity the roles each workload needs, where it needs them (on the data source, its resource
// group, the snapshot resource group). What is needed where is data
// (catalog/backup/vault-identity-roles.ts); this file only finds the vault's assignments in the
// template and holds them to it.
import type { Node } from 'jsonc-parser';
import { backupCatalogFor, blocksGrant } from '../../catalog/backup/backup-catalog';
import type { Permission } from '../../catalog/backup/backup-operations';
import { type VaultIdentityRole, type VaultIdentityWorkload, vaultIdentityWorkload } from '../../catalog/backup/vault-identity-roles';
import type { Catalog } from '../../catalog/catalog';
import type { CompiledBlock } from '../../catalog/permissions';
import { canonical } from '../model/arm/expression';
import type { TemplateResource } from '../model/arm/template';
import type { RoleAssignment } from '../model/assignment';
import { prop, stringValue } from '../model/json';
import type { RoleDocument } from '../model/role-document';
import { compiledBlocksOf, resolveRole } from '../analysis/resolve';
import { type Place, groupName, groupOf, holds, placeOfAssignment, placeOfValue } from '../analysis/placement';
import { evaluateItem } from '../model/workspace';
import { stringItemOf } from '../model/string-item';
import { quote, type Rule } from './rule';

export const id = 'vault-identity-missing-role';

const VAULTS = 'microsoft.dataprotection/backupvaults';
const INSTANCES = 'microsoft.dataprotection/backupvaults/backupinstances';

export interface Data {
  readonly workload: string;
  readonly role: string;
}

/** Where something the vault's identity needs a role on is: its place, and its value's canonical text (compared when the place is unknown). */
interface Target {
  readonly place: Place | undefined;
  readonly text: string | undefined;
}

/** An assignment to a vault's identity: what its role grants (undefined: a role not resolved) and where it lands. */
interface Grant {
  readonly assignment: RoleAssignment;
  readonly blocks: readonly CompiledBlock[] | undefined;
  readonly place: Place | undefined;
  readonly text: string | undefined;
}

function datasourceTypeNode(instance: TemplateResource) {
  const info = prop(instance.properties, 'dataSourceInfo');
  return prop(info, 'datasourceType') ?? prop(info, 'resourceType');
}

/** The vault a backup instance belongs to: its parent resource, or the first vault the template creates. */
function vaultOf(instance: TemplateResource, vaults: readonly TemplateResource[]): TemplateResource | undefined {
  if (instance.parent?.type === VAULTS) return instance.parent;
  return vaults[0];
}

/**
 * Whether the template creates the resource: not one it only refers to (Bicep's `existing`, ARM's
 * `"existing": true`), whose identity's roles are given wherever it was made.
 */
function created(resource: TemplateResource): boolean {
  const existing = prop(resource.node, 'existing');
  return !(existing?.type === 'boolean' && existing.value === true);
}

function targetOf(node: Node | undefined, resource: TemplateResource, document: RoleDocument): Target {
  const item = node && stringItemOf(node);
  if (!item) return { place: undefined, text: undefined };
  const value = evaluateItem(item, resource.template.env);
  return { place: placeOfValue(value, resource.template, document), text: canonical(value).toLowerCase() };
}

/** The snapshot resource group an instance names for its operational store. */
function snapshotGroupNode(instance: TemplateResource): Node | undefined {
  const list = prop(prop(prop(instance.properties, 'policyInfo'), 'policyParameters'), 'dataStoreParametersList');
  for (const p of list?.type === 'array' ? list.children ?? [] : []) {
    const group = prop(p, 'resourceGroupId');
    if (group) return group;
  }
  return undefined;
}

function targetsOf(instance: TemplateResource, document: RoleDocument): Record<VaultIdentityRole['place'], Target> {
  const datasource = targetOf(prop(prop(instance.properties, 'dataSourceInfo'), 'resourceID'), instance, document);
  const group = datasource.place && groupOf(datasource.place);
  return {
    datasource,
    'datasource-resource-group': { place: group, text: undefined },
    'snapshot-resource-group': targetOf(snapshotGroupNode(instance), instance, document),
  };
}

/** Whether a grant lands where the target is, or above it: true, false, or undefined. */
function reachesTarget(grant: Grant, target: Target): boolean | undefined {
  if (grant.text !== undefined && grant.text === target.text) return true;
  return grant.place && target.place ? holds(grant.place, target.place) : undefined;
}

/** The permissions an entry asks for: its seed row's, else the named built-in role's own. */
function permissionsOf(entry: VaultIdentityRole, catalog: Catalog): readonly Permission[] | undefined {
  if (entry.seedOperation) return backupCatalogFor(catalog).operation(entry.seedOperation)?.requirements.find((r) => r.vaultIdentity)?.permissions;
  const role = catalog.roleByName(entry.role);
  return role?.permissions.flatMap((b) => [...b.actions.map((name): Permission => ({ name })), ...b.dataActions.map((name): Permission => ({ name, data: true }))]);
}

/** The assignments of the document to a Backup vault's managed identity. */
function vaultIdentityGrants(document: RoleDocument, vaults: readonly TemplateResource[], catalog: Catalog, workspace: Parameters<typeof resolveRole>[1]): Grant[] {
  const grants: Grant[] = [];
  for (const a of document.assignments) {
    if (!a.principalId) continue;
    const principal = canonical(evaluateItem(a.principalId, a.template?.env)).toLowerCase();
    const symbolic = vaults.some((v) => {
      const key = v.node.parent?.type === 'property' ? String(v.node.parent.children?.[0]?.value).toLowerCase() : undefined;
      return key !== undefined && principal.includes(`reference('${key}'`);
    });
    if (!principal.includes('identity.principalid') || !(principal.includes('backupvaults') || symbolic)) continue;
    const role = resolveRole(catalog, workspace, a.roleDefinitionId, a.roleDefinitionName, a.template?.env);
    const blocks = role.kind === 'builtin' || role.kind === 'custom' ? compiledBlocksOf(catalog, role) : undefined;
    const scopeText = a.scope && String(a.scope.node.value).startsWith('[') ? canonical(evaluateItem(a.scope, a.template?.env)).toLowerCase() : undefined;
    grants.push({ assignment: a, blocks, place: placeOfAssignment(a, document), text: scopeText });
  }
  return grants;
}

function misplacedMessage(entry: VaultIdentityRole, workload: VaultIdentityWorkload, grant: Grant, target: Target): string {
  const scope = grant.assignment.scope;
  const on = scope ? `on ${quote(String(scope.node.value))}` : "on the deployment's resource group (the assignment has no scope)";
  const group = target.place ? groupName(target.place) : undefined;
  const missed = entry.place === 'datasource' ? `the ${workload.noun}` : entry.where;
  const elsewhere = !group ? ''
    : entry.place === 'datasource' ? `, but the ${workload.noun} is in ${group.startsWith('the ') ? group : `the resource group ${group}`}`
      : `, but ${entry.where} is ${group}`;
  return `${entry.role} does not reach ${missed}: the Backup vault's identity gets it ${on}${elsewhere}; assign it on ${entry.where}, or backups of ${workload.label} fail.`;
}

function missingMessage(entry: VaultIdentityRole, workload: VaultIdentityWorkload, operationTitle: string | undefined): string {
  const why = entry.fromSeed
    ? `Microsoft's table requires it for "${operationTitle ?? 'Enable backup from backup vault'}"`
    : `Azure Backup's own grant of the vault's roles (Az.DataProtection) gives it`;
  return `The Backup vault's identity lacks ${entry.role}: assign it on ${entry.where}, or backups of ${workload.label} fail; `
    + `no role assignment here gives it, and ${why}.`;
}

export const rule: Rule<Data> = {
  id,
  summary: "A template creates a Backup vault and backup instances without giving the vault's managed identity the roles its workloads need, where they need them.",
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkDocument({ document, catalog, workspace, report }) {
    const vaults = document.resources.filter((r) => r.type === VAULTS && created(r));
    if (vaults.length === 0) return;
    const instances = document.resources.filter((r) => r.type === INSTANCES || (r.type === 'backupinstances' && r.parent?.type === VAULTS));
    if (instances.length === 0) return;
    const grants = vaultIdentityGrants(document, vaults, catalog, workspace);
    // a role we cannot resolve may be the one: say nothing
    if (grants.some((g) => g.blocks === undefined)) return;
    const reported = new Set<string>();
    for (const instance of instances) {
      const node = datasourceTypeNode(instance);
      const item = node && stringValue(node) ? stringItemOf(node) : undefined;
      const value = item ? evaluateItem(item, instance.template.env) : undefined;
      const workload = value?.kind === 'string' ? vaultIdentityWorkload(value.value) : undefined;
      if (!node || !workload) continue;
      const vault = vaultOf(instance, vaults);
      // (backups into a vault made elsewhere: its identity's roles are given there)
      if (vault && !created(vault)) continue;
      const targets = targetsOf(instance, document);
      for (const entry of workload.roles) {
        const permissions = permissionsOf(entry, catalog);
        if (!permissions) continue;
        const key = `${workload.id}|${entry.role}|${entry.place}|${vault?.node.offset}`;
        if (reported.has(key)) continue;
        const granting = grants.filter((g) => g.blocks && permissions.every((p) => p.optional || blocksGrant(g.blocks!, p)));
        const data: Data = { workload: workload.id, role: entry.role };
        if (granting.length === 0) {
          reported.add(key);
          const title = entry.seedOperation ? backupCatalogFor(catalog).operation(entry.seedOperation)?.title : undefined;
          report({ at: node, message: missingMessage(entry, workload, title), data });
          continue;
        }
        const target = targets[entry.place];
        const reaches = granting.map((g) => reachesTarget(g, target));
        if (reaches.some((r) => r !== false)) continue;
        // every assignment that gives the role lands where it does not reach the target
        reported.add(key);
        const grant = granting[0];
        const at = grant.assignment.scope?.node ?? grant.assignment.roleDefinitionId?.node ?? grant.assignment.node;
        report({ at, message: misplacedMessage(entry, workload, grant, target), data });
      }
    }
  },
  isData(data: unknown): data is Data {
    return typeof data === 'object' && data !== null && typeof (data as Data).workload === 'string' && typeof (data as Data).role === 'string';
  },
};
