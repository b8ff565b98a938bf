// Generates the workspace benchmark: a monorepo of JSON files of which a share are role files
// (CLI role JSON, REST role JSON, ARM templates with roles and assignments) and the rest the
// JSON a repository holds besides (package manifests, configs, data). Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTemplate } from './generate.mjs';

const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';

function otherJson(i) {
  switch (i % 5) {
    case 0:
      return { name: `@contoso/service-${i}`, version: `1.${i % 13}.0`, private: true, scripts: { build: 'tsc -b', test: 'mocha' }, dependencies: { express: '^4.19.2', zod: '^3.23.8' } };
    case 1:
      return { compilerOptions: { target: 'es2022', module: 'nodenext', strict: true, outDir: 'out', rootDir: 'src' }, include: ['src'] };
    case 2:
      return { items: Array.from({ length: 40 }, (_, k) => ({ id: `${i}-${k}`, label: `Item ${k}`, enabled: k % 2 === 0, weight: k * 1.5 })) };
    case 3:
      return { $schema: 'https://json.schemastore.org/eslintrc', extends: ['eslint:recommended'], rules: { 'no-unused-vars': 'warn', eqeqeq: 'error' } };
    default:
      return { parameters: { location: { value: 'westeurope' }, sku: { value: 'Standard_LRS' }, tags: { value: { team: `team-${i % 17}`, env: 'prod' } } } };
  }
}

function roleJson(i) {
  switch (i % 3) {
    case 0:
      return {
        Name: `Backup operator ${i}`, IsCustom: true, Description: 'Runs VM backups and restores.',
        Actions: ['Microsoft.RecoveryServices/Vaults/read', 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/backup/action', 'Microsoft.Compute/virtualMachines/read', ...(i % 7 === 0 ? ['Microsoft.Compute/virtualMachine/write'] : [])],
        NotActions: [], DataActions: [], NotDataActions: [], AssignableScopes: [SUB],
      };
    case 1:
      return {
        properties: {
          roleName: `Restore reader ${i}`, description: 'Reads restore points.', type: 'CustomRole',
          permissions: [{ actions: ['Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/read', 'Microsoft.RecoveryServices/Vaults/backupJobs/read'], notActions: [] }],
          assignableScopes: [SUB],
        },
      };
    default:
      return undefined; // an ARM template, made below
  }
}

/** Writes `files` JSON files under `dir` (in folders of 100), `roleShare` of them role files. */
export function generateWorkspace(dir, { files = 10000, roleShare = 0.05, root }) {
  const every = Math.round(1 / roleShare);
  const template = generateTemplate(root, { roles: 4, assignments: 4, actionsPerRole: 12 });
  let roles = 0;
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `service-${Math.floor(i / 100)}`, i % 2 ? 'config' : 'infra');
    if (i % 100 === 0 || i % 100 === 1) mkdirSync(folder, { recursive: true });
    let text;
    if (i % every === 0) {
      roles++;
      const role = roleJson(i);
      text = role ? JSON.stringify(role, null, 2) : template.replaceAll('bench-role-', `bench-role-${i}-`);
    } else {
      text = JSON.stringify(otherJson(i), null, 2);
    }
    writeFileSync(join(folder, `file-${i}.json`), text);
  }
  return { files, roles };
}
