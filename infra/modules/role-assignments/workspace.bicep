// Grants on the Log Analytics workspace (deployed in the workspace's resource group).
//   Log Analytics Reader: run the detection queries (read only; no workspace settings, no keys)

@description('Name of the Log Analytics workspace, in this module\'s resource group.')
param workspaceName string

@description('Principal (object) id of LinkGuard\'s managed identity.')
param principalId string

var logAnalyticsReaderRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '73c42c96-874c-492b-b04d-ab87d138a893')

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource workspaceReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalId, logAnalyticsReaderRoleId)
  scope: workspace
  properties: {
    roleDefinitionId: logAnalyticsReaderRoleId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
