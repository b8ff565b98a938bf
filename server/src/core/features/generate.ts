// Least-privilege roles generated from Azure Backup operations: for the operations asked (and those
// they need besides, `alsoNeeds`), one custom role per scope the requirements name, holding exactly
// the permissions Microsoft's tables of minimum roles list there (optional ones left out), sorted,
// with no wildcard unless `compact` folds a list into one that matches nothing more in the catalog.
// Each role declares what it is for in its description (`azure-backup-rbac-operations
// <id>@<scope kind> …`, analysis/directives.ts), so the checker judges it against exactly those
// operations at that scope. Three shapes: the JSON `az role definition create` reads (an array, one
// role a scope), an ARM template and a Bicep file, both deployed at the subscription with the role
// assignments at each scope (nested deployments for resource groups and resources). Pure: text out.
import type { Catalog } from '../../catalog/catalog';
import { WORKLOAD_SHORT, backupCatalogFor } from '../../catalog/backup/backup-catalog';
import { type BackupOperation, type Permission, type ScopeKind, WORKLOAD_TABLE } from '../../catalog/backup/backup-operations';
import { pattern } from '../../catalog/wildcard';
import { bicepString } from '../bicep/lexical';
import { DIRECTIVE } from '../analysis/directives';
import { ROLE_API, ROLE_FORMATS, type RoleFormat } from './role-writer';

export type GeneratedShape = RoleFormat;

export const GENERATED_SHAPES: readonly GeneratedShape[] = ROLE_FORMATS;

export interface GenerateRequest {
  /** operation ids (docs/backup-operations.md) */
  readonly operations: readonly string[];
  readonly shape: GeneratedShape;
  /** fold a list into a wildcard where the wildcard matches nothing more in the catalog */
  readonly compact?: boolean;
  /** cli: the subscription the roles are assignable in (else the all-zero GUID, to be replaced) */
  readonly subscriptionId?: string;
}

/** One role of the result: what one scope needs. */
export interface GeneratedRole {
  /** where it is assigned: the kinds of scope it serves (two subscription kinds coincide) */
  readonly scopes: readonly ScopeKind[];
  /** the requirements' own words for where: "the subscription of the Recovery Services vault" */
  readonly where: readonly string[];
  /** assigned to the Backup vault's managed identity rather than to the operator */
  readonly vaultIdentity: boolean;
  /** `<operation id>@<scope kind>`, as the role's description declares them */
  readonly declarations: readonly string[];
  readonly name: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly dataActions: readonly string[];
  /** wildcards `compact` put in place of lists, with the operations each stands for */
  readonly folded: readonly { readonly wildcard: string; readonly count: number }[];
  /** the identifier the ARM and Bicep shapes give it */
  readonly symbol: string;
}

export type GenerateResult =
  | { readonly kind: 'generated'; readonly text: string; readonly roles: readonly GeneratedRole[]; readonly operations: readonly string[] }
  | { readonly kind: 'unknown'; readonly unknown: readonly { readonly id: string; readonly near: readonly string[] }[] }
  | { readonly kind: 'empty' };

/** An operation as the command offers it. */
export interface OperationChoice {
  readonly id: string;
  readonly title: string;
  /** the table it belongs to: "Azure VM backup" */
  readonly workload: string;
  /** what it needs where: "Backup Operator at the Recovery Services vault; Contributor at …" */
  readonly detail: string;
}

/** Every operation of the catalog, in table order, as the command's quick pick offers them. */
export function operationChoices(catalog: Catalog): OperationChoice[] {
  return backupCatalogFor(catalog).operations.map((o) => ({
    id: o.id, title: o.title, workload: WORKLOAD_TABLE[o.workload],
    detail: o.requirements.map((r) => `${r.role} at ${r.where}${r.vaultIdentity ? " (the Backup vault's identity)" : ''}`).join('; ')
      + (o.alsoNeeds?.length ? `; with ${o.alsoNeeds.join(', ')}` : ''),
  }));
}

/** Where a role is assigned, and how the ARM and Bicep shapes name it. */
interface Target {
  readonly key: string;
  readonly level: 'subscription' | 'resourceGroup' | 'resource';
  /** identifier stem: vault → vaultRole, vaultRoleAssignment */
  readonly symbol: string;
  /** for the name: "Recovery Services vault" */
  readonly label: string;
  readonly resourceGroupParam?: string;
  readonly nameParam?: string;
  readonly type?: string;
}

const SUBSCRIPTION: Target = { key: 'subscription', level: 'subscription', symbol: 'subscription', label: 'subscription' };

const TARGETS: Record<ScopeKind, Target> = {
  'vault-subscription': SUBSCRIPTION,
  subscription: SUBSCRIPTION,
  'vault-resource-group': { key: 'vault-resource-group', level: 'resourceGroup', symbol: 'vaultResourceGroup', label: "vault's resource group", resourceGroupParam: 'vaultResourceGroupName' },
  'recovery-services-vault': {
    key: 'recovery-services-vault', level: 'resource', symbol: 'vault', label: 'Recovery Services vault',
    resourceGroupParam: 'vaultResourceGroupName', nameParam: 'vaultName', type: 'Microsoft.RecoveryServices/vaults',
  },
  'backup-vault': {
    key: 'backup-vault', level: 'resource', symbol: 'backupVault', label: 'Backup vault',
    resourceGroupParam: 'backupVaultResourceGroupName', nameParam: 'backupVaultName', type: 'Microsoft.DataProtection/backupVaults',
  },
  'vm-resource-group': { key: 'vm-resource-group', level: 'resourceGroup', symbol: 'vmResourceGroup', label: "VM's resource group", resourceGroupParam: 'vmResourceGroupName' },
  vm: { key: 'vm', level: 'resource', symbol: 'vm', label: 'VM', resourceGroupParam: 'vmResourceGroupName', nameParam: 'vmName', type: 'Microsoft.Compute/virtualMachines' },
  'target-resource-group': { key: 'target-resource-group', level: 'resourceGroup', symbol: 'targetResourceGroup', label: 'target resource group', resourceGroupParam: 'targetResourceGroupName' },
  'storage-account': {
    key: 'storage-account', level: 'resource', symbol: 'storageAccount', label: 'storage account',
    resourceGroupParam: 'storageAccountResourceGroupName', nameParam: 'storageAccountName', type: 'Microsoft.Storage/storageAccounts',
  },
  disk: { key: 'disk', level: 'resource', symbol: 'disk', label: 'disk', resourceGroupParam: 'diskResourceGroupName', nameParam: 'diskName', type: 'Microsoft.Compute/disks' },
  'postgresql-server': {
    key: 'postgresql-server', level: 'resource', symbol: 'postgreSqlServer', label: 'PostgreSQL server',
    resourceGroupParam: 'postgreSqlServerResourceGroupName', nameParam: 'postgreSqlServerName', type: 'Microsoft.DBforPostgreSQL/servers',
  },
};

/** Roles in this order: the subscription, then resource groups, then resources. */
const TARGET_ORDER = ['subscription', 'vault-resource-group', 'recovery-services-vault', 'backup-vault', 'vm-resource-group', 'vm', 'target-resource-group', 'storage-account', 'disk', 'postgresql-server'];

const PARAMETER_TEXT: Record<string, string> = {
  vaultResourceGroupName: 'The resource group of the Recovery Services vault.',
  vaultName: 'The Recovery Services vault.',
  backupVaultResourceGroupName: 'The resource group of the Backup vault.',
  backupVaultName: 'The Backup vault.',
  vmResourceGroupName: 'The resource group of the virtual machine.',
  vmName: 'The virtual machine.',
  targetResourceGroupName: 'The resource group restored to.',
  storageAccountResourceGroupName: 'The resource group of the storage account.',
  storageAccountName: 'The storage account.',
  diskResourceGroupName: 'The resource group of the disk.',
  diskName: 'The disk.',
  postgreSqlServerResourceGroupName: 'The resource group of the Azure Database for PostgreSQL server.',
  postgreSqlServerName: 'The Azure Database for PostgreSQL server.',
};

const ZERO_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const DEPLOYMENT_API = '2022-09-01';
const SUBSCRIPTION_SCHEMA = 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#';
const GROUP_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** The operations asked and those they need besides (`alsoNeeds`), in table order; or the ids that name none. */
export function resolveOperations(catalog: Catalog, ids: readonly string[]): { operations: BackupOperation[] } | { unknown: { id: string; near: string[] }[] } {
  const backup = backupCatalogFor(catalog);
  const unknown = ids.filter((id) => !backup.operation(id)).map((id) => ({ id, near: nearIds(catalog, id) }));
  if (unknown.length) return { unknown };
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const more of backup.operation(id)?.alsoNeeds ?? []) add(more);
  };
  ids.forEach(add);
  return { operations: backup.operations.filter((o) => wanted.has(o.id)) };
}

/** The operation ids closest to one that names none: by edit distance, then sharing its first word. */
function nearIds(catalog: Catalog, id: string): string[] {
  const ids = backupCatalogFor(catalog).ids();
  const lower = id.toLowerCase();
  const byDistance = ids.map((k) => ({ k, d: catalog.distance.between(lower, k, 8) })).filter((c) => c.d <= 8).sort((a, b) => a.d - b.d).map((c) => c.k);
  const head = lower.split('-')[0];
  const sharing = head.length >= 2 ? ids.filter((k) => k.startsWith(`${head}-`) || k.includes(lower)) : [];
  return [...new Set([...byDistance, ...sharing])].slice(0, 5);
}

/** The roles the operations need: one per scope, merged where scopes coincide. */
export function planRoles(catalog: Catalog, operations: readonly BackupOperation[], compact = false): GeneratedRole[] {
  interface Draft { target: Target; vaultIdentity: boolean; scopes: Set<ScopeKind>; where: Set<string>; operations: Set<BackupOperation>; declarations: Set<string>; permissions: Map<string, Permission> }
  const drafts = new Map<string, Draft>();
  for (const operation of operations) {
    for (const requirement of operation.requirements) {
      const target = TARGETS[requirement.scope];
      const vaultIdentity = !!requirement.vaultIdentity;
      const key = `${target.key}${vaultIdentity ? '|identity' : ''}`;
      let draft = drafts.get(key);
      if (!draft) {
        draft = { target, vaultIdentity, scopes: new Set(), where: new Set(), operations: new Set(), declarations: new Set(), permissions: new Map() };
        drafts.set(key, draft);
      }
      draft.scopes.add(requirement.scope);
      draft.where.add(requirement.where);
      draft.operations.add(operation);
      draft.declarations.add(`${operation.id}@${requirement.scope}`);
      for (const p of requirement.permissions) if (!p.optional) draft.permissions.set(p.name.toLowerCase(), p);
    }
  }
  const order = (d: Draft) => TARGET_ORDER.indexOf(d.target.key) * 2 + (d.vaultIdentity ? 1 : 0);
  return [...drafts.values()].sort((a, b) => order(a) - order(b)).map((d) => {
    const sorted = (data: boolean) => [...d.permissions.values()].filter((p) => !!p.data === data).map((p) => p.name).sort(byName);
    const actions = fold(catalog, sorted(false), 'action', compact);
    const dataActions = fold(catalog, sorted(true), 'data', compact);
    const declarations = [...d.declarations];
    const ops = [...d.operations];
    const symbol = d.vaultIdentity ? `backupVaultIdentity${d.target.symbol[0].toUpperCase()}${d.target.symbol.slice(1)}` : d.target.symbol;
    // no '/' in a role's name (titles have "and/or", workloads "SQL/HANA"): names are kept to plain words
    const name = `Azure Backup ${d.target.label}${d.vaultIdentity ? ' (Backup vault identity)' : ''}: ${titlesOf(ops, 2)} ${hash(declarations.join(' '))}`.replace(/\band\/or\b/g, 'or').replace(/\s*\/\s*/g, ' or ');
    const folded = [...actions.folded, ...dataActions.folded];
    const description = [
      `Least privilege for Azure Backup: ${titlesOf(ops)}.`,
      `Assign ${d.vaultIdentity ? "to the Backup vault's managed identity " : ''}at ${[...d.where].join(', and at ')}.`,
      folded.length ? `Wildcards that match exactly the operations meant in the catalog used: ${folded.map((f) => `${f.wildcard} (${f.count})`).join(', ')}.` : '',
      `Generated by azure-backup-rbac from Microsoft's tables of minimum roles.`,
      `${DIRECTIVE} ${declarations.join(' ')}`,
    ].filter((s) => s).join(' ');
    return {
      scopes: [...d.scopes], where: [...d.where], vaultIdentity: d.vaultIdentity, declarations, name, description,
      actions: actions.list, dataActions: dataActions.list, folded, symbol,
    };
  });
}

function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** "Cross region restore (Azure VM), Restore VM (Azure VM)", at most `max` then "+N more". */
function titlesOf(operations: readonly BackupOperation[], max = Infinity): string {
  const labels = operations.map((o) => `${o.title} (${WORKLOAD_SHORT[o.workload]})`);
  return labels.length <= max ? labels.join(', ') : `${labels.slice(0, max).join(', ')} +${labels.length - max} more`;
}

/** A short, stable tag of a role's declarations, so that two generated roles' names never clash. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `(${h.toString(16).padStart(8, '0').slice(0, 6)})`;
}

/**
 * With `compact`, the names under one parent (`…/protectedItems/…`) become `<parent>/*` where that
 * wildcard matches in the catalog exactly the names it replaces, and only in a provider whose
 * operations the catalog knows completely (a wildcard of a partly known provider may reach more).
 */
export function fold(catalog: Catalog, names: readonly string[], plane: 'action' | 'data', compact: boolean): { list: string[]; folded: { wildcard: string; count: number }[] } {
  if (!compact) return { list: [...names], folded: [] };
  const folded: { wildcard: string; count: number }[] = [];
  let list = [...names];
  // deepest parents first, so a fold may itself be folded into its parent's
  const parents = [...new Set(names.flatMap((n) => {
    const segments = n.split('/');
    return segments.slice(2, -1).map((_, i) => segments.slice(0, i + 2).join('/'));
  }))].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const parent of parents) {
    const wildcard = `${parent}/*`;
    const provider = catalog.provider(parent.split('/')[0]);
    if (provider?.coverage !== 'complete' && provider?.coverage !== 'imported') continue;
    const p = pattern(wildcard);
    const under = list.filter((n) => p.matchesLower(n.toLowerCase()));
    if (under.length < 2) continue;
    const matched = catalog.match(wildcard, plane).map((o) => o.lower);
    const mine = new Set(under.map((n) => n.toLowerCase()));
    // the folds already made stand for the operations they matched
    const covered = new Set(names.filter((n) => p.matchesLower(n.toLowerCase())).map((n) => n.toLowerCase()));
    if (matched.length === 0 || !matched.every((m) => covered.has(m))) continue;
    list = [...list.filter((n) => !mine.has(n.toLowerCase())), wildcard].sort(byName);
    for (const f of folded.splice(0)) if (!p.matchesLower(f.wildcard.toLowerCase())) folded.push(f);
    folded.push({ wildcard, count: matched.length });
  }
  return { list, folded };
}

/** The roles for the operations, in the shape asked. */
export function generateRoles(catalog: Catalog, request: GenerateRequest): GenerateResult {
  const ids = [...new Set(request.operations.map((s) => s.trim()).filter((s) => s))];
  if (ids.length === 0) return { kind: 'empty' };
  const resolved = resolveOperations(catalog, ids);
  if ('unknown' in resolved) return { kind: 'unknown', unknown: resolved.unknown };
  const roles = planRoles(catalog, resolved.operations, request.compact);
  const text = request.shape === 'cli' ? cliText(roles, request.subscriptionId) : request.shape === 'arm' ? armText(roles) : bicepText(roles);
  return { kind: 'generated', text, roles, operations: resolved.operations.map((o) => o.id) };
}

// ---------------------------------------------------------------- az CLI / PowerShell JSON

function cliText(roles: readonly GeneratedRole[], subscriptionId = ZERO_SUBSCRIPTION): string {
  return `${JSON.stringify(roles.map((r) => ({
    Name: r.name,
    IsCustom: true,
    Description: r.description,
    Actions: r.actions,
    NotActions: [],
    DataActions: r.dataActions,
    NotDataActions: [],
    AssignableScopes: [`/subscriptions/${subscriptionId}`],
  })), null, 2)}\n`;
}

// ---------------------------------------------------------------- what ARM and Bicep share

interface Principal {
  readonly id: string;
  /** a parameter, or a fixed type */
  readonly type: { readonly param: string } | { readonly fixed: string };
}

const OPERATOR: Principal = { id: 'principalId', type: { param: 'principalType' } };
const VAULT_IDENTITY: Principal = { id: 'backupVaultPrincipalId', type: { fixed: 'ServicePrincipal' } };

function targetOf(role: GeneratedRole): Target {
  return TARGETS[role.scopes[0]];
}

function principalOf(role: GeneratedRole): Principal {
  return role.vaultIdentity ? VAULT_IDENTITY : OPERATOR;
}

/** The parameters the roles need, in order: principals first, then scopes. */
function parametersOf(roles: readonly GeneratedRole[]): { name: string; description: string; allowed?: string[]; default?: string }[] {
  const out: { name: string; description: string; allowed?: string[]; default?: string }[] = [];
  const seen = new Set<string>();
  const add = (p: { name: string; description: string; allowed?: string[]; default?: string }) => {
    if (!seen.has(p.name)) out.push(p);
    seen.add(p.name);
  };
  if (roles.some((r) => !r.vaultIdentity)) {
    add({ name: 'principalId', description: 'The object id of the group (or user, or service principal) that runs the operations.' });
    add({ name: 'principalType', description: 'What principalId is.', allowed: ['Group', 'User', 'ServicePrincipal'], default: 'Group' });
  }
  if (roles.some((r) => r.vaultIdentity)) add({ name: 'backupVaultPrincipalId', description: "The principal id of the Backup vault's system-assigned managed identity." });
  for (const r of roles) {
    const t = targetOf(r);
    for (const name of [t.resourceGroupParam, t.nameParam]) if (name) add({ name, description: PARAMETER_TEXT[name] ?? name });
  }
  return out;
}

function headerLines(roles: readonly GeneratedRole[]): string[] {
  return [
    'Generated by azure-backup-rbac: least-privilege custom roles for Azure Backup operations, one per scope,',
    'and their role assignments. Deploy at the subscription of the vault (az deployment sub create).',
    ...roles.map((r) => `${r.symbol}Role: assign ${r.vaultIdentity ? "to the Backup vault's identity " : ''}at ${r.where.join(', and at ')}.`),
  ];
}

// ---------------------------------------------------------------- ARM template

/** An ARM string literal inside an expression. */
function armLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function armRoleName(role: GeneratedRole): string {
  return `guid(subscription().id, ${armLiteral(role.name)})`;
}

function armRoleId(role: GeneratedRole): string {
  return `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${armRoleName(role)})]`;
}

function armText(roles: readonly GeneratedRole[]): string {
  const parameters: Record<string, unknown> = {};
  for (const p of parametersOf(roles)) {
    parameters[p.name] = { type: 'string', ...(p.default ? { defaultValue: p.default } : {}), ...(p.allowed ? { allowedValues: p.allowed } : {}), metadata: { description: p.description } };
  }
  const resources: { comment?: string; value: unknown }[] = [];
  for (const role of roles) {
    resources.push({
      comment: `${DIRECTIVE} ${role.declarations.join(' ')}`,
      value: {
        type: 'Microsoft.Authorization/roleDefinitions', apiVersion: ROLE_API, name: `[${armRoleName(role)}]`,
        properties: {
          roleName: role.name, description: role.description, type: 'CustomRole',
          permissions: [{ actions: role.actions, notActions: [], dataActions: role.dataActions, notDataActions: [] }],
          assignableScopes: ['[subscription().id]'],
        },
      },
    });
    resources.push({ value: armAssignment(role) });
  }
  const body = resources.map(({ comment, value }) => `${comment ? `    // ${comment}\n` : ''}${indent(JSON.stringify(value, null, 2), '    ')}`).join(',\n');
  const head = JSON.stringify({ $schema: SUBSCRIPTION_SCHEMA, contentVersion: '1.0.0.0', metadata: { description: headerLines(roles).join(' ') }, parameters }, null, 2);
  return `${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "resources": [\n${body}\n  ]\n}\n`;
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

function armAssignment(role: GeneratedRole): unknown {
  const target = targetOf(role);
  const principal = principalOf(role);
  const type = 'param' in principal.type ? `[parameters('${principal.type.param}')]` : principal.type.fixed;
  const seeds = ['subscription().id', ...[target.resourceGroupParam, target.nameParam].filter((p) => p).map((p) => `parameters('${p}')`), `parameters('${principal.id}')`, armRoleName(role)];
  const assignment = {
    type: 'Microsoft.Authorization/roleAssignments', apiVersion: ROLE_API,
    name: `[guid(${seeds.join(', ')})]`,
    ...(target.level === 'resource' ? { scope: `[format('${target.type}/{0}', parameters('${target.nameParam}'))]` } : {}),
    ...(target.level === 'subscription' ? { dependsOn: [armRoleId(role)] } : {}),
    properties: { roleDefinitionId: armRoleId(role), principalId: `[parameters('${principal.id}')]`, principalType: type },
  };
  if (target.level === 'subscription') return assignment;
  return {
    type: 'Microsoft.Resources/deployments', apiVersion: DEPLOYMENT_API, name: `azure-backup-rbac-${role.symbol}`,
    resourceGroup: `[parameters('${target.resourceGroupParam}')]`,
    dependsOn: [armRoleId(role)],
    properties: { mode: 'Incremental', template: { $schema: GROUP_SCHEMA, contentVersion: '1.0.0.0', resources: [assignment] } },
  };
}

// ---------------------------------------------------------------- Bicep

function bicepText(roles: readonly GeneratedRole[]): string {
  const out: string[] = [...headerLines(roles).map((l) => `// ${l}`), "targetScope = 'subscription'", ''];
  for (const p of parametersOf(roles)) {
    out.push(`@description(${bicepString(p.description)})`);
    if (p.allowed) out.push('@allowed([', ...p.allowed.map((a) => `  ${bicepString(a)}`), '])');
    out.push(`param ${p.name} string${p.default ? ` = ${bicepString(p.default)}` : ''}`, '');
  }
  for (const role of roles) {
    const list = (items: readonly string[]) => (items.length ? ['[', ...items.map((i) => `          ${bicepString(i)}`), '        ]'].join('\n') : '[]');
    out.push(
      `// ${DIRECTIVE} ${role.declarations.join(' ')}`,
      `resource ${role.symbol}Role 'Microsoft.Authorization/roleDefinitions@${ROLE_API}' = {`,
      `  name: guid(subscription().id, ${bicepString(role.name)})`,
      '  properties: {',
      `    roleName: ${bicepString(role.name)}`,
      `    description: ${bicepString(role.description)}`,
      "    type: 'CustomRole'",
      '    permissions: [',
      '      {',
      `        actions: ${list(role.actions)}`,
      '        notActions: []',
      `        dataActions: ${list(role.dataActions)}`,
      '        notDataActions: []',
      '      }',
      '    ]',
      '    assignableScopes: [',
      '      subscription().id',
      '    ]',
      '  }',
      '}',
      '',
      ...bicepAssignment(role),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function bicepAssignment(role: GeneratedRole): string[] {
  const target = targetOf(role);
  const principal = principalOf(role);
  const type = 'param' in principal.type ? principal.type.param : bicepString(principal.type.fixed);
  const seeds = ['subscription().id', ...[target.resourceGroupParam, target.nameParam].filter((p): p is string => !!p), principal.id, `${role.symbol}Role.id`];
  const body = (pad: string) => [
    `${pad}name: guid(${seeds.join(', ')})`,
    ...(target.level === 'resource' ? [`${pad}scope: '${target.type}/\${${target.nameParam}}'`] : []),
    `${pad}properties: {`,
    `${pad}  roleDefinitionId: ${role.symbol}Role.id`,
    `${pad}  principalId: ${principal.id}`,
    `${pad}  principalType: ${type}`,
    `${pad}}`,
  ];
  if (target.level === 'subscription') {
    return [`resource ${role.symbol}RoleAssignment 'Microsoft.Authorization/roleAssignments@${ROLE_API}' = {`, ...body('  '), '}'];
  }
  return [
    `resource ${role.symbol}RoleAssignment 'Microsoft.Resources/deployments@${DEPLOYMENT_API}' = {`,
    `  name: 'azure-backup-rbac-${role.symbol}'`,
    `  resourceGroup: ${target.resourceGroupParam}`,
    '  properties: {',
    "    mode: 'Incremental'",
    '    template: {',
    `      '$schema': '${GROUP_SCHEMA}'`,
    "      contentVersion: '1.0.0.0'",
    '      resources: [',
    '        {',
    "          type: 'Microsoft.Authorization/roleAssignments'",
    `          apiVersion: '${ROLE_API}'`,
    ...body('          '),
    '        }',
    '      ]',
    '    }',
    '  }',
    '}',
  ];
}
