// LinkGuard in the customer's subscription, next to an existing IoT hub (step 1 of 2).
//
// Deploys into the current resource group: the Function app (Flex Consumption, Java 17) with its storage
// account, Application Insights, a Log Analytics workspace (or uses an existing one), a key vault for
// ticket secrets, a user-assigned identity with least-privilege grants, the hub's diagnostic setting and
// the workbook. The hub (and an existing workspace) may live in other resource groups or subscriptions.
// Step 2, after the code is deployed, is post-deploy.bicep (Event Grid, optional alert): azd runs it as
// the postdeploy hook. Every parameter is documented in docs/deployment.md.

targetScope = 'resourceGroup'

@description('Environment name (azd: AZURE_ENV_NAME); keys resource names and tags. Letters, digits and hyphens.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Region of the new resources. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('ARM id of the existing IoT hub LinkGuard watches: /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<name>.')
param iotHubResourceId string

@description('ARM id of an existing Log Analytics workspace for the hub\'s logs and LinkGuard\'s telemetry; empty creates one.')
param logAnalyticsWorkspaceResourceId string = ''

@description('Retention in days of the workspace this template creates (ignored for an existing workspace).')
@minValue(30)
@maxValue(730)
param logAnalyticsRetentionInDays int = 30

@description('Create the diagnostic setting that sends the hub\'s Connections and C2DCommands logs to the workspace. Set false if the hub already sends Connections there (rows would be duplicated).')
param createHubDiagnosticSetting bool = true

@description('LINKGUARD_MODE: observe (classify and report), dry-run (also log every write it would make) or enforce (act).')
@allowed([
  'observe'
  'dry-run'
  'enforce'
])
param mode string = 'dry-run'

@description('LINKGUARD_SCHEDULE: NCRONTAB schedule (6 fields, UTC) of the detection run.')
param schedule string = '0 */5 * * * *'

@description('Values for any other LINKGUARD_* setting, by name (strings), e.g. {"LINKGUARD_MIN_CONFLICTS": "5"}. See docs/settings.md.')
param settingOverrides object = {}

@description('App settings whose value is a Key Vault secret: setting name -> secret name in this deployment\'s vault, e.g. {"LINKGUARD_TICKET_GITHUB_TOKEN": "github-token"}.')
param keyVaultSecrets object = {}

@description('Principal (object) id of a user or group allowed to set the ticket secrets (Key Vault Secrets Officer); empty grants nobody. azd passes the signed-in user.')
param secretsOfficerPrincipalId string = ''

@description('Name of the Function app; empty derives one from the resource group and environment.')
param functionAppName string = ''

@description('Most instances the Function app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Tags added to every new resource.')
param tags object = {}

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, { 'azd-env-name': environmentName, application: 'linkguard' })

var hubSegments = split(iotHubResourceId, '/')
var hubSubscriptionId = hubSegments[2]
var hubResourceGroup = hubSegments[4]
var hubName = last(hubSegments)

var createWorkspace = empty(logAnalyticsWorkspaceResourceId)
var newWorkspaceName = 'log-linkguard-${token}'
var workspaceSubscriptionId = createWorkspace ? subscription().subscriptionId : split(logAnalyticsWorkspaceResourceId, '/')[2]
var workspaceResourceGroup = createWorkspace ? resourceGroup().name : split(logAnalyticsWorkspaceResourceId, '/')[4]
var workspaceName = createWorkspace ? newWorkspaceName : last(split(logAnalyticsWorkspaceResourceId, '/'))

var appName = empty(functionAppName) ? 'func-linkguard-${token}' : functionAppName

module identity 'modules/identity.bicep' = {
  name: 'linkguard-identity'
  params: {
    name: 'id-linkguard-${token}'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'linkguard-monitoring'
  params: {
    workspaceName: newWorkspaceName
    existingWorkspaceResourceId: logAnalyticsWorkspaceResourceId
    retentionInDays: logAnalyticsRetentionInDays
    appInsightsName: 'appi-linkguard-${token}'
    location: location
    tags: allTags
  }
}

module workspaceInfo 'modules/workspace-info.bicep' = {
  name: 'linkguard-workspace-info'
  scope: resourceGroup(workspaceSubscriptionId, workspaceResourceGroup)
  params: {
    workspaceName: monitoring.outputs.workspaceName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'linkguard-storage'
  params: {
    name: 'stlg${token}'
    deploymentContainerName: 'app-package'
    location: location
    tags: allTags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'linkguard-key-vault'
  params: {
    name: 'kv-lg-${token}'
    location: location
    tags: allTags
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'linkguard-function-app'
  params: {
    name: appName
    planName: 'plan-linkguard-${token}'
    location: location
    tags: allTags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module hubRole 'modules/hub-role.bicep' = {
  name: 'linkguard-hub-role'
  scope: resourceGroup(hubSubscriptionId, hubResourceGroup)
  params: {
    hubName: hubName
  }
}

module hubAccess 'modules/role-assignments/hub.bicep' = {
  name: 'linkguard-hub-access'
  scope: resourceGroup(hubSubscriptionId, hubResourceGroup)
  params: {
    hubName: hubName
    principalId: identity.outputs.principalId
    hubRoleDefinitionId: hubRole.outputs.roleDefinitionId
  }
}

module workspaceAccess 'modules/role-assignments/workspace.bicep' = {
  name: 'linkguard-workspace-access'
  scope: resourceGroup(workspaceSubscriptionId, workspaceResourceGroup)
  params: {
    workspaceName: monitoring.outputs.workspaceName
    principalId: identity.outputs.principalId
  }
}

module appAccess 'modules/role-assignments/app.bicep' = {
  name: 'linkguard-app-access'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
  }
}

module appSettings 'modules/app-settings.bicep' = {
  name: 'linkguard-app-settings'
  dependsOn: [
    appAccess
  ]
  params: {
    functionAppName: functionApp.outputs.name
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageTableEndpoint: storage.outputs.tableEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    mode: mode
    schedule: schedule
    workspaceId: workspaceInfo.outputs.customerId
    hubResourceIds: iotHubResourceId
    keyVaultUri: keyVault.outputs.uri
    settingOverrides: settingOverrides
    keyVaultSecrets: keyVaultSecrets
  }
}

module hubDiagnostics 'modules/hub-diagnostics.bicep' = if (createHubDiagnosticSetting) {
  name: 'linkguard-hub-diagnostics'
  scope: resourceGroup(hubSubscriptionId, hubResourceGroup)
  params: {
    hubName: hubName
    workspaceResourceId: monitoring.outputs.workspaceResourceId
    settingName: 'linkguard-${environmentName}'
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'linkguard-workbook'
  params: {
    displayName: 'LinkGuard (${environmentName})'
    workspaceResourceId: monitoring.outputs.workspaceResourceId
    location: location
    tags: allTags
  }
}

output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_ID string = functionApp.outputs.id
output FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName
output IOT_HUB_RESOURCE_ID string = iotHubResourceId
output LOG_ANALYTICS_WORKSPACE_RESOURCE_ID string = monitoring.outputs.workspaceResourceId
output KEY_VAULT_NAME string = keyVault.outputs.name
output IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output IDENTITY_CLIENT_ID string = identity.outputs.clientId
output WORKBOOK_ID string = workbook.outputs.id
