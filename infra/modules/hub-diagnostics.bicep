// A diagnostic setting on the existing hub that sends the resource logs LinkGuard reads to the
// workspace: Connections (the evidence) and C2DCommands (direct methods and cloud-to-device traffic,
// to review what was sent). IoT Hub logs land in the AzureDiagnostics table (no resource-specific table
// exists for Connections), so no logAnalyticsDestinationType is set.
// Skip it (main.bicep: createHubDiagnosticSetting = false) when the hub already sends Connections to the
// same workspace: two settings would duplicate every row and double every count.

@description('Name of the existing IoT hub, in this module\'s resource group.')
param hubName string

@description('ARM id of the Log Analytics workspace that receives the logs.')
param workspaceResourceId string

@description('Name of the diagnostic setting.')
param settingName string

resource hub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
  name: hubName
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: hub
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        category: 'Connections'
        enabled: true
      }
      {
        category: 'C2DCommands'
        enabled: true
      }
    ]
  }
}
