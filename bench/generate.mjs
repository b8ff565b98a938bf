// Generates the benchmark workloads, deterministic (seeded): a ~10 MB ARM template with 2,000 custom
// roles and 2,000 role assignments, written the way real templates are (pretty-printed, real
// operation names from the catalog, some wildcards, ARM expressions for names, scopes and role ids);
// and a Bicep file of as many roles and assignments, written the way Bicep is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The catalog's control-plane and data-plane operation names and its built-in roles' GUIDs. */
function catalogNames(root) {
  const data = JSON.parse(readFileSync(join(root, 'server', 'data', 'catalog.json'), 'utf8'));
  const names = data.operations.names.split('\n');
  const planes = data.operations.planes;
  return {
    actions: names.filter((_, i) => planes[i] === 'a'),
    dataActions: names.filter((_, i) => planes[i] === 'd'),
    builtin: data.roles.map((r) => r[0]),
  };
}

export function generateTemplate(root, { roles = 2000, assignments = 2000, actionsPerRole = 48 } = {}) {
  const { actions, dataActions, builtin } = catalogNames(root);
  const random = rng(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const resources = [];
  for (let i = 0; i < roles; i++) {
    const own = new Set();
    while (own.size < actionsPerRole) own.add(pick(actions));
    const list = [...own];
    if (i % 10 === 0) list[0] = `${list[0].split('/')[0]}/*/read`;
    const data = i % 4 === 0 ? [pick(dataActions), pick(dataActions)] : [];
    resources.push({
      type: 'Microsoft.Authorization/roleDefinitions',
      apiVersion: '2022-04-01',
      name: `[guid(subscription().id, 'bench-role-${i}')]`,
      properties: {
        roleName: `Bench role ${i}`,
        description: `Generated role ${i} for the benchmark: ${list.length} actions across ${new Set(list.map((a) => a.split('/')[0])).size} providers.`,
        type: 'CustomRole',
        permissions: [{ actions: list, notActions: i % 7 === 0 ? ['Microsoft.Authorization/*/write'] : [], dataActions: data, notDataActions: [] }],
        assignableScopes: ['[subscription().id]'],
      },
    });
  }
  for (let i = 0; i < assignments; i++) {
    const custom = i % 2 === 0;
    const roleId = custom
      ? `[resourceId('Microsoft.Authorization/roleDefinitions', guid(subscription().id, 'bench-role-${i % roles}'))]`
      : `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${pick(builtin)}')]`;
    resources.push({
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: '2022-04-01',
      name: `[guid(resourceGroup().id, parameters('principalIds')[${i % 50}], '${i}')]`,
      properties: { roleDefinitionId: roleId, principalId: `[parameters('principalIds')[${i % 50}]]`, principalType: i % 3 === 0 ? 'Group' : 'ServicePrincipal', description: `Bench assignment ${i}` },
    });
  }
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { principalIds: { type: 'array' } },
    resources,
  }, null, 2);
}

/**
 * A Bicep file at subscription scope: `roles` custom role definitions (`guid(subscription().id, …)`
 * names, 5 to 30 real actions from the catalog, every other role with some Azure Backup ones, some
 * notActions and dataActions, one action in fifty roles misspelt so there are findings, assignable
 * at `subscription().id`) and `assignments` role assignments (half to a built-in role through
 * `subscriptionResourceId(…)`, half to a role of the file through its symbol's `.id`, to one of 50
 * principal id parameters, with a principalType). `symbolIds: false` writes the id of a role of
 * the file as the `subscriptionResourceId(…)` it stands for instead of `role.id` (otherwise the same
 * file): tree-sitter-bicep 1.1.0's parse time grows with the square of the number of member
 * expressions on a symbol (`role.id`), and the bench measures the file both ways.
 */
export function generateBicep(root, { roles = 2000, assignments = 2000, principals = 50, symbolIds = true } = {}) {
  const { actions, dataActions, builtin } = catalogNames(root);
  const backup = actions.filter((a) => /^Microsoft\.(RecoveryServices|DataProtection)\//i.test(a));
  const random = rng(7);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const list = (items, indent) => (items.length === 0 ? '[]' : `[\n${items.map((i) => `${indent}  ${i}\n`).join('')}${indent}]`);
  const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const out = ["targetScope = 'subscription'", ''];
  for (let k = 0; k < principals; k++) {
    out.push(`@description('Object id of the principal of team ${k}.')`, `param principalId${k} string`, '');
  }
  for (let i = 0; i < roles; i++) {
    const count = 5 + Math.floor(random() * 26);
    const own = new Set();
    if (i % 2 === 0) while (own.size < 2 + (i % 5)) own.add(pick(backup));
    while (own.size < count) own.add(pick(actions));
    const granted = [...own];
    if (i % 50 === 7) granted[granted.length - 1] = `${granted[granted.length - 1]}s`;
    if (i % 10 === 3) granted[0] = `${granted[0].split('/')[0]}/*/read`;
    const notActions = i % 7 === 0 ? ['Microsoft.Authorization/*/write'] : [];
    const data = i % 4 === 0 ? [pick(dataActions), pick(dataActions)] : [];
    out.push(
      `@description('Generated role ${i} for the benchmark.')`,
      `resource role${i} 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {`,
      `  name: guid(subscription().id, 'bench-role-${i}')`,
      '  properties: {',
      `    roleName: 'Bench role ${i}'`,
      `    description: 'Generated role ${i}: ${granted.length} actions across ${new Set(granted.map((a) => a.split('/')[0])).size} providers.'`,
      "    type: 'CustomRole'",
      '    permissions: [',
      '      {',
      `        actions: ${list(granted.map(quote), '        ')}`,
      `        notActions: ${list(notActions.map(quote), '        ')}`,
      `        dataActions: ${list(data.map(quote), '        ')}`,
      '        notDataActions: []',
      '      }',
      '    ]',
      '    assignableScopes: [',
      '      subscription().id',
      '    ]',
      '  }',
      '}',
      '',
    );
  }
  for (let i = 0; i < assignments; i++) {
    const principal = `principalId${i % principals}`;
    const own = (i * 7) % roles;
    const roleId = i % 2 !== 0 ? `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${pick(builtin)}')`
      : symbolIds ? `role${own}.id` : `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', guid(subscription().id, 'bench-role-${own}'))`;
    out.push(
      `resource assignment${i} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {`,
      `  name: guid(subscription().id, ${principal}, 'bench-assignment-${i}')`,
      '  properties: {',
      `    roleDefinitionId: ${roleId}`,
      `    principalId: ${principal}`,
      `    principalType: '${i % 3 === 0 ? 'Group' : 'ServicePrincipal'}'`,
      `    description: 'Bench assignment ${i}'`,
      '  }',
      '}',
      '',
    );
  }
  return out.join('\n');
}
