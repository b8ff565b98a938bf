// Backup operators for a subscription: a custom cross-region restore role and the operators'
// group's role assignments (with mistakes on purpose). Deployed at the subscription:
//   az deployment sub create --location westeurope --template-file backup-operators.bicep
targetScope = 'subscription'

@description('Object id of the Entra ID group of backup operators.')
param operatorsGroupId string

@description('Resource group of the Backup vault whose disk snapshots the operators manage.')
param vaultResourceGroup string = 'rg-backup'

var builtInRoles = {
  backupReader: 'a795c7a0-d4a2-40c1-ae25-d81f01202912'
  // Disk Snapshot Contributor, mistyped in its last character
  diskSnapshotContributor: '7efff54f-a5b4-42b5-a1c5-5411624893cf'
}

resource crrOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'cross-region-restore-operator')
  properties: {
    roleName: 'Cross-Region Restore Operator (Bicep)'
    description: 'Restores VMs in the secondary region when the primary is down.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.RecoveryServices/Vaults/read'
          'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read'
          'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/read'
          'Microsoft.RecoveryServices/Vaults/backupJobs/read'
          'Microsoft.RecoveryServices/locations/backupCrrJobs/action'
          'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
          'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read'
          'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource operatorsCanRestore 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, operatorsGroupId, crrOperator.id)
  properties: {
    roleDefinitionId: crrOperator.id
    principalId: operatorsGroupId
    principalType: 'Group'
  }
}

resource operatorsCanRead 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, operatorsGroupId, 'backup-reader')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.backupReader)
    principalId: operatorsGroupId
  }
}

resource snapshotsForTheVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, vaultResourceGroup, 'disk-snapshots')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.diskSnapshotContributor)
    principalId: operatorsGroupId
    principalType: 'Group'
  }
}
