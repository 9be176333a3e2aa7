// The Function app's own storage account: the Functions host (blobs: leases, keys, the timer's
// singleton lock), the Flex Consumption deployment package container, LinkGuard's Table Storage state and
// its evaluation queue (the triggers enqueue, the EvaluationWorker function dequeues; the host moves a message
// it gave up on to the poison queue, which PoisonEvaluations records).
// No account keys: shared-key access is off and every client connects with the managed identity.

@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource evaluations 'queues' = {
      name: 'linkguard-evaluations'
    }

    resource poison 'queues' = {
      name: 'linkguard-evaluations-poison'
    }
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
