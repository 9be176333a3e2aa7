// Log Analytics (an existing workspace, or a new one) and a workspace-based Application Insights that
// authenticates ingestion with Entra ID only (the app's identity holds Monitoring Metrics Publisher).

@description('Name of the Log Analytics workspace to create; ignored when existingWorkspaceResourceId is set.')
param workspaceName string

@description('ARM id of an existing Log Analytics workspace; empty creates workspaceName here.')
param existingWorkspaceResourceId string

@description('Retention of a new workspace, in days.')
param retentionInDays int

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for new resources.')
param tags object

var useExisting = !empty(existingWorkspaceResourceId)

resource newWorkspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (!useExisting) {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

var workspaceId = useExisting ? existingWorkspaceResourceId : newWorkspace.id

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspaceId
    DisableLocalAuth: true
  }
}

output workspaceResourceId string = workspaceId
output workspaceName string = last(split(workspaceId, '/'))
output appInsightsId string = appInsights.id
output appInsightsName string = appInsights.name
output appInsightsConnectionString string = appInsights.properties.ConnectionString
