// Step 2 of 2, after the code is deployed (azd: the postdeploy hook, infra/hooks/postdeploy.sh):
// Event Grid needs the destination function to exist, and the alert's webhook needs the app's key.
//   - the hub's Event Grid system topic (or the existing one) and a subscription delivering
//     Microsoft.Devices.DeviceConnected/DeviceDisconnected to LinkGuard's Event Grid function
//   - optionally, a log search alert on conflicts per identity calling the alert-webhook function
// Deploy into the app's resource group. Every parameter is documented in docs/deployment.md.

targetScope = 'resourceGroup'

@description('Name of the LinkGuard Function app in this resource group (main.bicep output FUNCTION_APP_NAME).')
param functionAppName string

@description('ARM id of the watched IoT hub (main.bicep output IOT_HUB_RESOURCE_ID).')
param iotHubResourceId string

@description('ARM id of the Log Analytics workspace (main.bicep output LOG_ANALYTICS_WORKSPACE_RESOURCE_ID).')
param logAnalyticsWorkspaceResourceId string

@description('Name of the Event Grid-triggered function in the app.')
param eventGridFunctionName string = 'DeviceConnectionEvents'

@description('Name of the hub\'s existing Event Grid system topic (in the hub\'s resource group); empty creates one. A hub has at most one.')
param existingSystemTopicName string = ''

@description('Event schema delivered to the function.')
@allowed([
  'EventGridSchema'
  'CloudEventSchemaV1_0'
])
param eventDeliverySchema string = 'EventGridSchema'

@description('Most events per delivery to the function.')
@minValue(1)
@maxValue(5000)
param maxEventsPerBatch int = 50

@description('Preferred size of one delivery in kilobytes.')
@minValue(1)
@maxValue(1024)
param preferredBatchSizeInKilobytes int = 64

@description('Delivery attempts before an event is dropped. Events are hints (the timer run reads the logs anyway), so failed ones are dropped rather than dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 10

@description('Minutes an undelivered event is retried before it is dropped; an hour-old connection snapshot is worthless.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 60

@description('Create the log search alert on conflicts per identity that calls the alert-webhook function.')
param enableConflictAlert bool = false

@description('Path of the alert-webhook function on the app\'s host, e.g. api/alerts (its HTTP route).')
param alertWebhookPath string = 'api/alerts'

@description('Name of the alert-webhook function; the action group carries this function\'s own key, never a host key.')
param alertWebhookFunctionName string = 'AlertWebhook'

@description('Conflicts of one identity within the window that fire the alert.')
@minValue(1)
param alertThreshold int = 10

@description('Alert window and frequency, in minutes.')
@allowed([
  5
  10
  15
  30
  60
])
param alertWindowMinutes int = 15

@description('Tags added to new resources.')
param tags object = {}

var hubSegments = split(iotHubResourceId, '/')
var hubName = last(hubSegments)

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

module eventGrid 'modules/event-grid.bicep' = {
  name: 'linkguard-event-grid'
  scope: resourceGroup(hubSegments[2], hubSegments[4])
  params: {
    hubName: hubName
    existingSystemTopicName: existingSystemTopicName
    systemTopicName: 'evgt-${hubName}'
    functionAppId: app.id
    functionName: eventGridFunctionName
    subscriptionName: 'linkguard-${functionAppName}'
    eventDeliverySchema: eventDeliverySchema
    maxEventsPerBatch: maxEventsPerBatch
    preferredBatchSizeInKilobytes: preferredBatchSizeInKilobytes
    maxDeliveryAttempts: maxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
  }
}

module conflictAlert 'modules/conflict-alert.bicep' = if (enableConflictAlert) {
  name: 'linkguard-conflict-alert'
  params: {
    name: 'linkguard-conflicts-${functionAppName}'
    location: resourceGroup().location
    tags: tags
    workspaceResourceId: logAnalyticsWorkspaceResourceId
    hubResourceId: iotHubResourceId
    // The alert function's own default key: it opens that one function only (a host key opens every
    // function-level endpoint of the app). docs/deployment.md says why not Entra auth on the action group.
    webhookUrl: 'https://${app.properties.defaultHostName}/${alertWebhookPath}?code=${listKeys(resourceId('Microsoft.Web/sites/functions', functionAppName, alertWebhookFunctionName), '2024-04-01').default}'
    threshold: alertThreshold
    windowMinutes: alertWindowMinutes
  }
}

output EVENT_GRID_SYSTEM_TOPIC string = eventGrid.outputs.systemTopicName
