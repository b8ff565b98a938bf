// The same cross-region restore role with its actions sorted: the quick fix puts each missing
// permission in its sorted place (backupAadProperties/read first, backupCrrJob/action before
// backupCrrJobs/action).
targetScope = 'subscription'

resource crrOperatorSorted 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'cross-region-restore-operator-sorted')
  properties: {
    roleName: 'Cross-Region Restore Operator (Bicep, sorted)'
    description: 'Restores VMs in the secondary region when the primary is down.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
          'Microsoft.RecoveryServices/locations/backupCrrJobs/action'
          'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read'
          'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'
          'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read'
          'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/read'
          'Microsoft.RecoveryServices/Vaults/backupJobs/read'
          'Microsoft.RecoveryServices/Vaults/read'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
