// The LinkGuard Azure Monitor workbook: conflicts over time per hub, the worst identities, identities per
// class, actions and outcomes, back-off effectiveness and run health. It reads the workspace only:
// AzureDiagnostics (the hub's Connections logs) and AppMetrics (LinkGuard's custom metrics, which the
// workspace-based Application Insights writes there; names in docs/telemetry.md).

@description('Display name of the workbook.')
param displayName string

@description('ARM id of the Log Analytics workspace the workbook queries.')
param workspaceResourceId string

@description('Azure region.')
param location string

@description('Tags for the workbook.')
param tags object

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, workspaceResourceId, 'linkguard-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    version: 'Notebook/1.0'
    sourceId: toLower(workspaceResourceId)
    serializedData: replace(loadTextContent('../workbook/linkguard.workbook.json'), '__LINKGUARD_WORKSPACE_RESOURCE_ID__', workspaceResourceId)
  }
}

output id string = workbook.id
