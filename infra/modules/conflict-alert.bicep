// Optional (post-deploy.bicep: enableConflictAlert): a log search alert on the hub's conflicts, split
// by identity, whose action group calls LinkGuard's alert-webhook function with the common alert schema.
// The function then evaluates just the identities named in the alert's dimensions.
// The action group's webhook URL carries the alert function's own key (not a host key): whoever can read the
// action group can read it, and it opens that one function only.

@description('Name of the alert rule; the action group is named after it.')
param name string

@description('Azure region of the alert rule.')
param location string

@description('Tags for the alert rule and the action group.')
param tags object

@description('ARM id of the Log Analytics workspace the query runs against.')
param workspaceResourceId string

@description('ARM id of the watched IoT hub (the query keeps its rows only).')
param hubResourceId string

@description('HTTPS URL of the alert-webhook function, including its key.')
@secure()
param webhookUrl string

@description('Conflicts by one identity within the window that fire the alert.')
param threshold int

@description('Window the conflicts are counted in, in minutes (also how often the rule runs).')
param windowMinutes int

var query = 'let _hubResourceId = "${toLower(hubResourceId)}";\n${loadTextContent('../alerts/conflicts-per-identity.kql')}'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${name}-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'linkguard'
    enabled: true
    webhookReceivers: [
      {
        name: 'linkguard-alert-webhook'
        serviceUri: webhookUrl
        useCommonAlertSchema: true
      }
    ]
  }
}

resource alert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'LinkGuard: 409002/400027 conflicts per identity'
    description: 'An identity had at least ${threshold} LinkCreationConflict conflicts in ${windowMinutes} minutes; LinkGuard evaluates it at once.'
    severity: 3
    enabled: true
    scopes: [
      workspaceResourceId
    ]
    evaluationFrequency: 'PT${windowMinutes}M'
    windowSize: 'PT${windowMinutes}M'
    criteria: {
      allOf: [
        {
          query: query
          timeAggregation: 'Total'
          metricMeasureColumn: 'conflicts'
          dimensions: [
            {
              name: 'hub'
              operator: 'Include'
              values: [
                '*'
              ]
            }
            {
              name: 'deviceId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
            {
              name: 'moduleId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThanOrEqual'
          threshold: threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output alertId string = alert.id
