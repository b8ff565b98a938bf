// A custom role for restoring VMs in the secondary region, written in Bicep. It lacks two of the
// permissions cross-region restore needs (backupAadProperties/read, backupCrrJob/action).
targetScope = 'subscription'

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
