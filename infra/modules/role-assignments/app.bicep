// Grants on the app's own resources (deployed in the app's resource group).
//   Storage Blob Data Owner (storage): Functions host storage — blob leases, keys, the timer's singleton
//     lock — and reading the Flex Consumption deployment package
//   Storage Table Data Contributor (storage): LinkGuard's per-identity state and run ledger, and the
//     host's diagnostic events
//   Storage Queue Data Contributor (storage): the evaluation queue (send, and the queue trigger's
//     receive/delete) and its poison queue
//   Key Vault Secrets User (vault): resolve the ticket sinks' @Microsoft.KeyVault(...) app settings
//   Monitoring Metrics Publisher (Application Insights): telemetry ingestion with Entra ID
//   Key Vault Secrets Officer (vault), optional: for the operator who sets the ticket secrets

@description('Principal (object) id of LinkGuard\'s managed identity.')
param principalId string

@description('Name of the app\'s storage account.')
param storageAccountName string

@description('Name of the key vault.')
param keyVaultName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Principal id of a person or group that may set the ticket secrets; empty for none.')
param secretsOfficerPrincipalId string

var blobDataOwnerRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
var tableDataContributorRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
var queueDataContributorRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
var secretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
var secretsOfficerRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
var metricsPublisherRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, blobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: blobDataOwnerRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, tableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: tableDataContributorRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, queueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: queueDataContributorRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: secretsUserRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, metricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: metricsPublisherRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(vault.id, secretsOfficerPrincipalId, secretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: secretsOfficerRoleId
    principalId: secretsOfficerPrincipalId
  }
}
