// The custom role LinkGuard's identity holds on the hub: exactly the data actions its hub operations
// need (io.linkguard.hub.HubPermissions.DATA_ACTIONS; InfrastructureContractTest compares the list) and
// nothing broader: no IoT Hub Data Contributor, no wildcards, no control-plane actions.
// Deployed in the hub's resource group; assigned on the hub only (role-assignments/hub.bicep).
// Remaining breadth, by design of IoT Hub RBAC: data actions cannot be scoped below the hub (no per-device or
// per-method scope, no conditions), so the identity may write any twin and invoke any direct method on this hub;
// LinkGuard itself only writes tags.linkguard / desired linkguard and only calls linkguardBackoff.

@description('Name of the existing IoT hub, in this module\'s resource group.')
param hubName string

resource hub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
  name: hubName
}

resource hubRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(hub.id, 'linkguard-hub-data-actions')
  properties: {
    roleName: 'LinkGuard IoT Hub operations (${hubName})'
    description: 'Read and tag device twins, invoke the back-off direct method and run IoT Hub jobs on ${hubName}: what LinkGuard needs, nothing more.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Devices/IotHubs/twins/read'
          'Microsoft.Devices/IotHubs/twins/write'
          'Microsoft.Devices/IotHubs/directMethods/invoke/action'
          'Microsoft.Devices/IotHubs/jobs/read'
          'Microsoft.Devices/IotHubs/jobs/write'
        ]
        notDataActions: []
      }
    ]
  }
}

// Custom roles live at subscription level whatever scope deployed them.
output roleDefinitionId string = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', hubRole.name)
