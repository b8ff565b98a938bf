// Generates the benchmark workload: a ~10 MB ARM template with 2,000 custom roles and 2,000 role
// assignments, written the way real templates are (pretty-printed, real operation names from the
// catalog, some wildcards, ARM expressions for names, scopes and role ids). Deterministic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateTemplate(root, { roles = 2000, assignments = 2000, actionsPerRole = 48 } = {}) {
  const data = JSON.parse(readFileSync(join(root, 'server', 'data', 'catalog.json'), 'utf8'));
  const names = data.operations.names.split('\n');
  const planes = data.operations.planes;
  const actions = names.filter((_, i) => planes[i] === 'a');
  const dataActions = names.filter((_, i) => planes[i] === 'd');
  const builtin = data.roles.map((r) => r[0]);
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
