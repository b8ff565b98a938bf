import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { catalogPath, loadCatalogData } from '../../server/src/node/load-catalog';
import { catalog, fixture } from '../support/harness';

describe('catalog', () => {
  it('holds every operation and built-in role of the reference data', () => {
    assert.equal(catalog.operationCount, 20829);
    assert.equal(catalog.operations.length, 20829);
    assert.equal(catalog.roles.length, 928);
    assert.ok(catalog.providers.length >= 337);
  });

  it('is the generated file, not a hand-edited one', () => {
    const { integrity, ...content } = loadCatalogData();
    assert.equal(createHash('sha256').update(JSON.stringify(content)).digest('hex'), integrity,
      'server/data/catalog.json was edited by hand; regenerate it with `npm run catalog`');
  });

  it('was generated from the built-in roles kept as a test fixture', () => {
    const roles = JSON.parse(fixture('azure-data', 'builtin-roles.json'));
    const hash = createHash('sha256').update(JSON.stringify(roles)).digest('hex');
    assert.equal(hash, loadCatalogData(catalogPath()).inputs['builtin-roles.json']);
  });

  it('finds operations case-insensitively, keeping the freshest spelling', () => {
    const op = catalog.operation('microsoft.recoveryservices/LOCATIONS/backupcrossregionrestore/action');
    assert.ok(op);
    assert.equal(op.name, 'Microsoft.RecoveryServices/Locations/backupCrossRegionRestore/action');
    assert.equal(op.planes, 'a');
    assert.equal(op.provider.name, 'Microsoft.RecoveryServices');
    assert.equal(op.description, 'Trigger Cross region restore.');
    assert.equal(catalog.operation('Microsoft.RecoveryServices/nope/read'), undefined);
  });

  it('knows the plane of each operation, including names registered in both', () => {
    assert.equal(catalog.operation('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read')?.planes, 'd');
    assert.equal(catalog.operation('Microsoft.Storage/storageAccounts/blobServices/containers/read')?.planes, 'a');
    assert.equal(catalog.operation('Microsoft.KeyVault/vaults/keys/read')?.planes, 'ad');
  });

  it('records how fresh each provider is', () => {
    const rs = catalog.provider('Microsoft.RecoveryServices');
    assert.equal(rs?.coverage, 'complete');
    assert.equal(rs?.completeAsOf, '2026-02-23');
    assert.equal(catalog.provider('Microsoft.DataProtection')?.completeAsOf, '2023-08-12');
    assert.equal(catalog.provider('Microsoft.Sql')?.completeAsOf, '2024-11-22');
    assert.equal(catalog.provider('Microsoft.Scheduler')?.coverage, 'roles-only');
    assert.equal(catalog.rolesDate, '2026-08-22');
  });

  it('lists a provider\'s operations as one run', () => {
    const ops = catalog.provider('Microsoft.RecoveryServices')!.operations;
    assert.equal(ops.length, 266);
    assert.ok(ops.every((o) => o.lower.startsWith('microsoft.recoveryservices/')));
  });

  it('matches wildcards per plane', () => {
    const blobs = catalog.match('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*', 'data');
    assert.ok(blobs.length >= 5);
    assert.equal(catalog.match('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*', 'action').length, 0);
    assert.ok(catalog.match('*/read', 'action').length > 5000);
  });

  it('suggests the operation and the provider that were meant', () => {
    assert.deepEqual(catalog.suggestOperations('Microsoft.Compute/virtualMachine/read', 'action').map((o) => o.name), ['Microsoft.Compute/virtualMachines/read']);
    assert.deepEqual(catalog.suggestProviders('Microsoft.Computer').map((p) => p.name), ['Microsoft.Compute']);
    assert.deepEqual(catalog.suggestWildcards('Microsoft.RecoveryServices/Vault/*', 'action'), ['Microsoft.RecoveryServices/Vaults/*']);
  });

  it('suggests the same resource type under the provider that has it, when the named provider has none', () => {
    // AKS clusters are Microsoft.ContainerService's (Service Fabric has managed clusters too, fewer of their operations)
    assert.equal(catalog.suggestWildcards('Microsoft.Kubernetes/managedClusters/*', 'action')[0], 'Microsoft.ContainerService/managedClusters/*');
    assert.equal(catalog.suggestOperations('Microsoft.Kubernetes/managedClusters/read', 'action')[0]?.name, 'Microsoft.ContainerService/managedClusters/read');
    assert.deepEqual([...new Set(catalog.sameResourceElsewhere('Microsoft.Kubernetes', 'managedclusters/').map((o) => o.provider.name))], ['Microsoft.ContainerService', 'Microsoft.ServiceFabric']);
    // a resource type hundreds of providers have says nothing about which was meant
    assert.deepEqual(catalog.sameResourceElsewhere('Microsoft.Kubernetes', 'operations/read'), []);
    // a slip within the provider still comes first
    assert.equal(catalog.suggestOperations('Microsoft.DataProtection/providers/operations/read', 'action')[0]?.name, 'Microsoft.DataProtection/operations/read');
  });

  it('resolves built-in roles by GUID and name', () => {
    assert.equal(catalog.role('00C29273-979B-4161-815C-10B084FB9324')?.name, 'Backup Operator');
    assert.equal(catalog.roleByName('backup reader')?.id, 'a795c7a0-d4a2-40c1-ae25-d81f01202912');
  });

  it('lists the built-in roles that grant an operation, Backup roles first', () => {
    const names = catalog.rolesGranting('Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action', 'action').map((r) => r.name);
    assert.deepEqual(names.slice(0, 2), ['Backup Operator', 'Backup Contributor']);
    assert.ok(names.includes('Owner'));
    assert.ok(!names.includes('Backup Reader'), 'Backup Reader cannot restore');
    assert.ok(!names.includes('Reader'));
  });
});
