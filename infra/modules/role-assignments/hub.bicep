// Grants on the IoT hub (deployed in the hub's resource group).
//   custom role (hub-role.bicep): twins read/write, direct methods, jobs — the data plane LinkGuard uses
//   Reader: the hub's SKU, units and host name for the throttles (management plane, read only)

@description('Name of the existing IoT hub, in this module\'s resource group.')
param hubName string

@description('Principal (object) id of LinkGuard\'s managed identity.')
param principalId string

@description('Full id of the custom hub role (hub-role.bicep output).')
param hubRoleDefinitionId string

var readerRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')

resource hub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
  name: hubName
}

resource hubOperations 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, principalId, hubRoleDefinitionId)
  scope: hub
  properties: {
    roleDefinitionId: hubRoleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource hubReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, principalId, readerRoleId)
  scope: hub
  properties: {
    roleDefinitionId: readerRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
