// Reads the workspace's customer id (the GUID the Log Analytics query API takes) where the workspace
// lives, which may be another resource group or subscription than the app.

@description('Name of the Log Analytics workspace in this module\'s resource group.')
param workspaceName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

output customerId string = workspace.properties.customerId
