// Completions: permission strings segment by segment (namespace, resource type, operation) in the
// list's plane; built-in and workspace roles inside roleDefinitionId; new-role snippets, the
// backup ones built from the backup catalog.
import type { Node } from 'jsonc-parser';
import { backupCatalogFor } from '../../catalog/backup/backup-catalog';
import { type MemoKey, memoKey } from '../../catalog/memo';
import { type Catalog, type Operation, inPlane } from '../../catalog/catalog';
import type { Plane } from '../../catalog/permissions';
import { thousands } from '../messages';
import { nodeAt } from '../model/json';
import { type RoleDocument, roleAt } from '../model/role-document';
import { planeWord } from '../rules/rule';
import { BICEP_ASSIGNMENT_SNIPPET, bicepRoleFileSnippet, bicepRoleSnippet } from './bicep-snippets';
import type { WorkspaceRoles } from '../model/workspace';

export type CompletionKind = 'provider' | 'resource-type' | 'operation' | 'wildcard' | 'role' | 'snippet';

export interface CompletionResult {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown */
  readonly documentation?: string;
  /** replaces [offset, offset + length) */
  readonly edit: { readonly offset: number; readonly length: number; readonly text: string };
  readonly filterText?: string;
  readonly sortText?: string;
  /** the text is a snippet with tab stops */
  readonly snippet?: boolean;
  /** open the completion list again after inserting (a path segment was completed) */
  readonly retrigger?: boolean;
}

const ROLE_DEFINITIONS_TYPE = "'microsoft.authorization/roledefinitions'";

/**
 * The content of a string node: after the opening quote, up to the closing one (if any). Undefined
 * when the node is not one string written in quotes: in Bicep, a computed value (a call, a
 * variable) or a `'''multi-line'''` string.
 */
function content(document: RoleDocument, node: Node): { start: number; end: number } | undefined {
  const quote = document.language === 'bicep' ? "'" : '"';
  if (document.text[node.offset] !== quote || document.text.startsWith("'''", node.offset)) return undefined;
  const start = node.offset + 1;
  const last = node.offset + node.length - 1;
  const end = node.length >= 2 && document.text[last] === quote ? last : node.offset + node.length;
  return { start, end };
}

export function complete(document: RoleDocument, catalog: Catalog, offset: number, workspace?: WorkspaceRoles): CompletionResult[] {
  if (document.tooDeep) return [];
  const node = nodeAt(document.root, offset);
  if (node?.type === 'string' && offset > node.offset) {
    const role = roleAt(document, node.offset);
    for (const block of role?.blocks ?? []) {
      for (const list of Object.values(block.lists)) {
        if (list.array && node.parent === list.array) return permissionCompletions(document, catalog, node, offset, list.plane);
      }
    }
    const assignment = document.assignments.find((a) => a.roleDefinitionId?.node === node);
    if (assignment) return roleCompletions(document, catalog, node, offset, assignment.shape === 'arm', workspace);
    return [];
  }
  return snippetCompletions(document, catalog, offset);
}

/** How many operations of each provider (in the catalog's order) are in a plane: worked out once per catalog. */
const PROVIDER_COUNTS: Record<Plane, MemoKey<readonly number[]>> = {
  action: memoKey('control-plane operations per provider'),
  data: memoKey('data-plane operations per provider'),
};

function permissionCompletions(document: RoleDocument, catalog: Catalog, node: Node, offset: number, plane: Plane): CompletionResult[] {
  const string = content(document, node);
  if (!string) return [];
  const { start, end } = string;
  const prefix = document.text.slice(start, offset);
  const replace = (text: string) => ({ offset: start, length: end - start, text });
  const results: CompletionResult[] = [];
  const slash = prefix.lastIndexOf('/');
  if (slash < 0) {
    const counts = catalog.memo.get(PROVIDER_COUNTS[plane], () => catalog.providers.map((p) => p.operations.filter((op) => inPlane(op, plane)).length));
    for (const [i, provider] of catalog.providers.entries()) {
      const count = counts[i];
      if (count === 0) continue;
      results.push({
        label: `${provider.name}/`, kind: 'provider',
        detail: provider.displayName ?? `${thousands(count)} ${planeWord(plane)} operations`,
        documentation: `${thousands(count)} ${planeWord(plane)} operations; ${provider.coverage === 'complete' ? `complete as of ${provider.completeAsOf}` : `as of ${provider.completeAsOf}`}.`,
        edit: replace(`${provider.name}/`), filterText: `${provider.name}/`, retrigger: true,
      });
    }
    return results;
  }
  const dir = prefix.slice(0, slash + 1);
  const namespace = dir.slice(0, dir.indexOf('/'));
  const provider = catalog.provider(namespace);
  if (!provider) return [];
  const lowerDir = dir.toLowerCase();
  const under = provider.operations.filter((op) => inPlane(op, plane) && op.lower.startsWith(lowerDir));
  if (under.length === 0) return [];
  const written = under[0].name.slice(0, dir.length); // the catalog's spelling of the typed path
  const segments = new Map<string, Operation[]>();
  for (const op of under) {
    const rest = op.name.slice(dir.length);
    if (!rest.includes('/') || /^[^/]+\/action$/i.test(rest)) {
      results.push({
        label: rest, kind: 'operation',
        detail: `${op.planes === 'd' ? 'data action' : op.planes === 'ad' ? 'action and data action' : 'action'}${op.description ? ` · ${op.description}` : ''}`,
        documentation: op.description ? `${op.description}\n\n\`${op.name}\`` : `\`${op.name}\``,
        edit: replace(op.name), filterText: op.name,
      });
    } else {
      const segment = rest.split('/')[0];
      segments.set(segment, [...(segments.get(segment) ?? []), op]);
    }
  }
  for (const [segment, ops] of segments) {
    const text = `${written}${segment}/`;
    results.push({
      label: `${segment}/`, kind: 'resource-type',
      detail: `${thousands(ops.length)} ${planeWord(plane)} operations`,
      documentation: `${ops.slice(0, 5).map((o) => `- \`${o.name.slice(text.length)}\``).join('\n')}${ops.length > 5 ? `\n- … ${thousands(ops.length - 5)} more` : ''}`,
      edit: replace(text), filterText: text, retrigger: true,
    });
  }
  results.push({
    label: '*', kind: 'wildcard',
    detail: `every ${planeWord(plane)} operation under ${written} (${thousands(under.length)})`,
    documentation: `Grants all ${thousands(under.length)} ${planeWord(plane)} operations whose name starts with \`${written}\`, and any added later.`,
    edit: replace(`${written}*`), filterText: `${written}*`, sortText: '~',
  });
  return results;
}

/**
 * Built-in roles (Backup ones first) and the workspace's custom roles, inserting the role's GUID:
 * inside a quoted argument of an expression (ARM's, or a Bicep call), just that literal; a JSON
 * string, its content; a Bicep string, the whole string (quotes included) as the call naming the role.
 */
function roleCompletions(document: RoleDocument, catalog: Catalog, node: Node, offset: number, arm: boolean, workspace?: WorkspaceRoles): CompletionResult[] {
  const string = content(document, node);
  const bicep = document.language === 'bicep';
  if (bicep && document.text.startsWith("'''", node.offset)) return [];
  const start = string?.start ?? node.offset;
  const end = string?.end ?? node.offset + node.length;
  const raw = document.text.slice(start, end);
  let range = { offset: start, length: end - start };
  let wrap = (guid: string) => (arm ? `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]` : `/providers/Microsoft.Authorization/roleDefinitions/${guid}`);
  let filter = (text: string) => text;
  if (bicep && string) {
    range = { offset: node.offset, length: node.length };
    wrap = (guid) => `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')`;
    filter = (text) => `'${text}`; // the range starts at the quote the user typed
  } else if (!string || raw.startsWith('[')) {
    const at = offset - start;
    const open = raw.lastIndexOf("'", at - 1);
    const close = raw.indexOf("'", at);
    const quotesBefore = (raw.slice(0, at).match(/'/g) ?? []).length;
    if (open < 0 || close < 0 || quotesBefore % 2 === 0) return [];
    if (raw.slice(open, close + 1).toLowerCase() === ROLE_DEFINITIONS_TYPE) return [];
    range = { offset: start + open + 1, length: close - open - 1 };
    wrap = (guid) => guid;
  }
  const results: CompletionResult[] = [];
  catalog.roles.forEach((role) => {
    const backup = /\bbackup\b|restore|snapshot/i.test(role.name);
    results.push({
      label: role.name, kind: 'role', detail: role.id, documentation: role.description,
      edit: { ...range, text: wrap(role.id) }, filterText: filter(`${role.name} ${role.id}`),
      sortText: `${backup ? '0' : '1'}${role.name.toLowerCase()}`,
    });
  });
  for (const entry of workspace?.all() ?? []) {
    if (!entry.guid || !entry.name) continue;
    results.push({
      label: entry.name, kind: 'role', detail: `custom role ${entry.guid}`, documentation: entry.description,
      edit: { ...range, text: wrap(entry.guid) }, filterText: filter(`${entry.name} ${entry.guid}`), sortText: `0${entry.name.toLowerCase()}`,
    });
  }
  return results;
}

// ---- snippets ----

function jsonList(names: readonly string[], indent: string): string {
  return names.length === 0 ? '[]' : `[\n${names.map((n) => `${indent}  ${JSON.stringify(n)}`).join(',\n')}\n${indent}]`;
}

/** Permission sets for the backup snippets, taken from the backup catalog and the built-in roles. */
export function backupRoleSets(catalog: Catalog): { id: string; name: string; description: string; actions: string[] }[] {
  const backup = backupCatalogFor(catalog);
  const names = (ids: string[], all: boolean) => {
    const out = new Set<string>();
    for (const id of ids) {
      const op = backup.operation(id);
      if (!op) continue;
      for (const info of backup.requirements(op)) {
        if (!all && !info.backupSpecific) continue;
        for (const p of info.requirement.permissions) if (!p.optional && !p.data) out.add(p.name);
      }
    }
    return [...out];
  };
  const reader = catalog.roleByName('Backup Reader');
  const readerActions = reader ? reader.permissions.flatMap((b) => b.actions).filter((a) => !a.includes('*') && /^Microsoft\.RecoveryServices\//i.test(a)) : [];
  return [
    { id: 'crr', name: 'Cross-Region Restore Operator', description: 'Restores VMs from the vault\'s replicated recovery points in the paired region.', actions: names(['vm-restore', 'vm-cross-region-restore'], false) },
    { id: 'vm-restore', name: 'VM Restore Operator', description: 'Restores Azure VMs from their backups: the vault side and the target resource group, source VM and staging storage account.', actions: names(['vm-restore'], true) },
    { id: 'reader', name: 'Backup Reader with Job Access', description: 'Reads vaults, backup items, policies and jobs, and exports job reports; changes nothing.', actions: [...new Set(readerActions)] },
  ];
}

function cliRoleSnippet(name: string, description: string, actions: readonly string[]): string {
  return `{
  "Name": "\${1:${name}}",
  "IsCustom": true,
  "Description": "\${2:${description}}",
  "Actions": ${actions.length ? jsonList(actions, '  ') : '[\n    "$3"\n  ]'},
  "NotActions": [],
  "DataActions": [],
  "NotDataActions": [],
  "AssignableScopes": [
    "/subscriptions/\${4:00000000-0000-0000-0000-000000000000}"
  ]
}`;
}

function armRoleSnippet(name: string, description: string, actions: readonly string[]): string {
  return `{
  "type": "Microsoft.Authorization/roleDefinitions",
  "apiVersion": "2022-04-01",
  "name": "[guid(subscription().id, '\${1:${name}}')]",
  "properties": {
    "roleName": "\${1:${name}}",
    "description": "\${2:${description}}",
    "type": "CustomRole",
    "permissions": [
      {
        "actions": ${actions.length ? jsonList(actions, '        ') : '[\n          "$3"\n        ]'},
        "notActions": []
      }
    ],
    "assignableScopes": [
      "[subscription().id]"
    ]
  }
}`;
}

const REST_ROLE_SNIPPET = `{
  "properties": {
    "roleName": "\${1:Custom role}",
    "description": "\${2:What the role is for}",
    "type": "CustomRole",
    "permissions": [
      {
        "actions": [
          "$3"
        ],
        "notActions": [],
        "dataActions": [],
        "notDataActions": []
      }
    ],
    "assignableScopes": [
      "/subscriptions/\${4:00000000-0000-0000-0000-000000000000}"
    ]
  }
}`;

const ASSIGNMENT_SNIPPET = `{
  "type": "Microsoft.Authorization/roleAssignments",
  "apiVersion": "2022-04-01",
  "name": "[guid(resourceGroup().id, \${1:parameters('principalId')}, '\${2:5e467623-bb1f-42f4-a55d-6e525e11384b}')]",
  "properties": {
    "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '\${2}')]",
    "principalId": "[\${1}]",
    "principalType": "\${3|ServicePrincipal,Group,User|}"
  }
}`;

function indentSnippet(text: string, indent: string): string {
  return text.split('\n').map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

function snippetCompletions(document: RoleDocument, catalog: Catalog, offset: number): CompletionResult[] {
  if (document.language === 'bicep') return bicepSnippetCompletions(document, catalog, offset);
  const here = { offset, length: 0 };
  const sets = backupRoleSets(catalog);
  if (!document.root || document.text.trim() === '') {
    const whole = { offset: 0, length: document.text.length };
    return [
      { label: 'Azure custom role (CLI / PowerShell JSON)', kind: 'snippet', detail: 'az role definition create --role-definition @file', edit: { ...whole, text: cliRoleSnippet('Custom role', 'What the role is for', []) }, snippet: true },
      { label: 'Azure custom role (REST JSON)', kind: 'snippet', detail: 'PUT …/providers/Microsoft.Authorization/roleDefinitions/{id}', edit: { ...whole, text: REST_ROLE_SNIPPET }, snippet: true },
      {
        label: 'ARM template with a custom role', kind: 'snippet', detail: 'deploymentTemplate.json',
        edit: { ...whole, text: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    ${indentSnippet(armRoleSnippet('Custom role', 'What the role is for', []), '    ')}
  ]
}` },
        snippet: true,
      },
      ...sets.map((s): CompletionResult => ({
        label: `Azure Backup role: ${s.name} (CLI JSON)`, kind: 'snippet', detail: `${s.actions.length} actions from Microsoft's tables`,
        documentation: s.description, edit: { ...whole, text: cliRoleSnippet(s.name, s.description, s.actions) }, snippet: true,
      })),
    ];
  }
  // between the resources of an ARM template
  const node = nodeAt(document.root, offset);
  const resources = node?.type === 'array' && node.parent?.type === 'property' && String(node.parent.children?.[0]?.value) === 'resources' ? node : undefined;
  if (resources && document.kind !== 'other') {
    const lineStart = document.text.lastIndexOf('\n', offset - 1) + 1;
    const indent = /^[ \t]*/.exec(document.text.slice(lineStart))![0];
    return [
      { label: 'Role definition (custom role)', kind: 'snippet', detail: 'Microsoft.Authorization/roleDefinitions', edit: { ...here, text: indentSnippet(armRoleSnippet('Custom role', 'What the role is for', []), indent) }, snippet: true },
      { label: 'Role assignment', kind: 'snippet', detail: 'Microsoft.Authorization/roleAssignments', edit: { ...here, text: indentSnippet(ASSIGNMENT_SNIPPET, indent) }, snippet: true },
      ...sets.map((s): CompletionResult => ({
        label: `Azure Backup role: ${s.name}`, kind: 'snippet', detail: `role definition with ${s.actions.length} actions from Microsoft's tables`,
        documentation: s.description, edit: { ...here, text: indentSnippet(armRoleSnippet(s.name, s.description, s.actions), indent) }, snippet: true,
      })),
    ];
  }
  return [];
}

/**
 * Bicep's snippets: a whole file when the file is empty; a resource declaration where one can
 * start, at the start of a line outside every resource (replacing the word typed there).
 */
function bicepSnippetCompletions(document: RoleDocument, catalog: Catalog, offset: number): CompletionResult[] {
  const sets = backupRoleSets(catalog);
  if (document.text.trim() === '') {
    const whole = { offset: 0, length: document.text.length };
    return [
      { label: 'Azure custom role (Bicep)', kind: 'snippet', detail: 'Microsoft.Authorization/roleDefinitions at subscription scope', edit: { ...whole, text: bicepRoleFileSnippet('Custom role', 'What the role is for', []) }, snippet: true },
      ...sets.map((s): CompletionResult => ({
        label: `Azure Backup role: ${s.name} (Bicep)`, kind: 'snippet', detail: `${s.actions.length} actions from Microsoft's tables`,
        documentation: s.description, edit: { ...whole, text: bicepRoleFileSnippet(s.name, s.description, s.actions) }, snippet: true,
      })),
    ];
  }
  const lineStart = Math.max(document.text.lastIndexOf('\n', offset - 1), document.text.lastIndexOf('\r', offset - 1)) + 1;
  const word = document.text.slice(lineStart, offset);
  if (!/^\w*$/.test(word) || document.resources.some((r) => r.node.offset < offset && offset < r.node.offset + r.node.length)) return [];
  const here = { offset: lineStart, length: word.length };
  const item = (label: string, detail: string, text: string, documentation?: string): CompletionResult => ({
    label, kind: 'snippet', detail, ...(documentation ? { documentation } : {}), edit: { ...here, text }, filterText: `resource ${label}`, snippet: true,
  });
  return [
    item('Role definition (custom role)', 'Microsoft.Authorization/roleDefinitions', bicepRoleSnippet('Custom role', 'What the role is for', [])),
    item('Role assignment', 'Microsoft.Authorization/roleAssignments', BICEP_ASSIGNMENT_SNIPPET),
    ...sets.map((s) => item(`Azure Backup role: ${s.name}`, `role definition with ${s.actions.length} actions from Microsoft's tables`, bicepRoleSnippet(s.name, s.description, s.actions), s.description)),
  ];
}
