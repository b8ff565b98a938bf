// A custom role in Bicep, opened in a VS Code without Microsoft's Bicep extension.
targetScope = 'subscription'

resource jobReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'backup-job-reader')
  properties: {
    roleName: 'Backup job reader'
    permissions: [
      {
        actions: [
          'Microsoft.RecoveryServices/vaults/backupJobs/reed'
          'Microsoft.RecoveryServices/vaults/read'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
