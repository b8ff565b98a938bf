// Bicep in tests: the parser over the same two WebAssembly files the extension ships, and the
// permissions of a complete cross-region restore role, as Bicep strings.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BicepParser } from '../../server/src/core';
import { createBicepParser } from '../../server/src/core/bicep/parser';
import { type LanguageService, createLanguageService } from '../../server/src/core/language-service';
import { REPO, catalog } from './harness';

export const BICEP_GRAMMAR = join(REPO, 'server', 'data', 'tree-sitter-bicep.wasm');

export function loadBicepParser(): Promise<BicepParser> {
  return createBicepParser({
    runtime: readFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm')),
    grammar: readFileSync(BICEP_GRAMMAR),
  });
}

/** Every permission cross-region restore needs, each a Bicep string on its own line at `indent`. */
export function crrActions(indent: string): string {
  return [
    'Microsoft.RecoveryServices/locations/backupAadProperties/read',
    'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action',
    'Microsoft.RecoveryServices/locations/backupCrrJob/action',
    'Microsoft.RecoveryServices/locations/backupCrrJobs/action',
    'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read',
    'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read',
  ].map((a) => `${indent}'${a}'`).join('\n');
}

/** A custom role, 'CRR operator' (the resource `crr`), granting every cross-region restore permission, assignable at the deployment's subscription. */
export const CRR_ROLE = `resource crr 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'crr')
  properties: {
    roleName: 'CRR operator'
    permissions: [ { actions: [
${crrActions('      ')}
    ] } ]
    assignableScopes: [ subscription().id ]
  }
}
`;

/** The language service over the bundled catalog that reads Bicep too. */
export async function bicepService(): Promise<LanguageService> {
  return createLanguageService(catalog, await loadBicepParser());
}
