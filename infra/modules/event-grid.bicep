// Event Grid wiring (second step, after the code is deployed: Event Grid checks that the destination
// function exists): the hub's system topic, new or existing (a hub can have only one), and a
// subscription delivering DeviceConnected/DeviceDisconnected to LinkGuard's Event Grid function.
// Deployed in the hub's resource group.

@description('Name of the existing IoT hub, in this module\'s resource group.')
param hubName string

@description('Name of the hub\'s existing Event Grid system topic, in this resource group; empty creates one.')
param existingSystemTopicName string

@description('Name of the system topic to create when there is none.')
param systemTopicName string

@description('ARM id of the Function app.')
param functionAppId string

@description('Name of the Event Grid-triggered function.')
param functionName string

@description('Name of the event subscription.')
param subscriptionName string

@description('Event schema delivered to the function.')
param eventDeliverySchema string

@description('Most events per delivery (the function handles batches).')
param maxEventsPerBatch int

@description('Preferred batch size in kilobytes.')
param preferredBatchSizeInKilobytes int

@description('Delivery attempts before an event is dropped.')
param maxDeliveryAttempts int

@description('Minutes after which an undelivered event is dropped.')
param eventTimeToLiveInMinutes int

resource hub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
  name: hubName
}

resource newTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (empty(existingSystemTopicName)) {
  name: systemTopicName
  location: hub.location
  properties: {
    source: hub.id
    topicType: 'Microsoft.Devices.IoTHubs'
  }
}

resource existingTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = if (!empty(existingSystemTopicName)) {
  name: existingSystemTopicName
}

var subscriptionProperties = {
  destination: {
    endpointType: 'AzureFunction'
    properties: {
      resourceId: '${functionAppId}/functions/${functionName}'
      maxEventsPerBatch: maxEventsPerBatch
      preferredBatchSizeInKilobytes: preferredBatchSizeInKilobytes
    }
  }
  filter: {
    includedEventTypes: [
      'Microsoft.Devices.DeviceConnected'
      'Microsoft.Devices.DeviceDisconnected'
    ]
  }
  eventDeliverySchema: eventDeliverySchema
  retryPolicy: {
    maxDeliveryAttempts: maxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
  }
}

resource subscriptionOnNewTopic 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (empty(existingSystemTopicName)) {
  parent: newTopic
  name: subscriptionName
  properties: subscriptionProperties
}

resource subscriptionOnExistingTopic 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (!empty(existingSystemTopicName)) {
  parent: existingTopic
  name: subscriptionName
  properties: subscriptionProperties
}

output systemTopicName string = empty(existingSystemTopicName) ? systemTopicName : existingSystemTopicName
