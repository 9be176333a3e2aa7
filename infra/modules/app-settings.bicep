// Every app setting of the LinkGuard Function app, in one file.
//
// linkguardSettings holds exactly the LINKGUARD_* names the Java configuration reads
// (io.linkguard.config.KnownSettings.all(); InfrastructureContractTest fails on any difference), so a
// new setting in the code is one new line here. An empty value means "the code's default": the code
// treats a blank setting as absent. Operators change values through the settingOverrides parameter
// (main.parameters.json) instead of editing this file; an unknown LINKGUARD_* name there reaches the
// app, which refuses to start and names it.

@description('Name of the existing Function app.')
param functionAppName string

@description('Client id of the user-assigned identity the app runs as.')
param identityClientId string

@description('Name of the app\'s storage account (host storage and LinkGuard\'s tables).')
param storageAccountName string

@description('Table endpoint of that account, e.g. https://<account>.table.core.windows.net/.')
param storageTableEndpoint string

@description('Queue endpoint of that account (the evaluation queue), e.g. https://<account>.queue.core.windows.net/.')
param storageQueueEndpoint string

@description('Application Insights connection string (not a secret: ingestion needs Entra ID).')
param appInsightsConnectionString string

@description('LINKGUARD_MODE: observe, dry-run or enforce.')
param mode string

@description('LINKGUARD_SCHEDULE: NCRONTAB expression of the timer trigger.')
param schedule string

@description('LINKGUARD_WORKSPACE_ID: the Log Analytics workspace (customer) id the queries run against.')
param workspaceId string

@description('LINKGUARD_HUB_RESOURCE_IDS: comma-separated ARM ids of the hubs LinkGuard watches.')
param hubResourceIds string

@description('URI of the key vault holding the ticket sinks\' secrets, ending with a slash.')
param keyVaultUri string

@description('Values for LINKGUARD_* settings, by name; they replace the defaults below.')
param settingOverrides object

@description('Settings whose value is a Key Vault secret: setting name -> secret name.')
param keyVaultSecrets object

var linkguardSettings = {
  LINKGUARD_MODE: mode
  LINKGUARD_SCHEDULE: schedule
  LINKGUARD_WORKSPACE_ID: workspaceId
  LINKGUARD_HUB_RESOURCE_IDS: hubResourceIds
  // The Functions app (docs/functions.md#settings). LINKGUARD_TABLE_ENDPOINT empty: the tables live in the host's
  // storage account (AzureWebJobsStorage__tableServiceUri below), reached with the managed identity.
  LINKGUARD_OVERLAP_MINUTES: ''
  LINKGUARD_LOOKBACK_HOURS: ''
  LINKGUARD_MAX_CATCH_UP_HOURS: ''
  LINKGUARD_LEASE_MINUTES: ''
  LINKGUARD_FLAP_THRESHOLD: ''
  LINKGUARD_FLAP_WINDOW_MINUTES: ''
  LINKGUARD_EVALUATION_DEBOUNCE_MINUTES: ''
  LINKGUARD_ALERT_MAX_IDENTITIES: ''
  LINKGUARD_ALERT_MAX_REQUESTS_PER_MINUTE: ''
  LINKGUARD_TABLE_ENDPOINT: ''
  LINKGUARD_LOG_ANALYTICS_ENDPOINT: ''
  LINKGUARD_TIMELINE_EVENTS: ''
  LINKGUARD_PRECURSOR_WINDOW_SECONDS: ''
  LINKGUARD_RECOVERY_STORM_CONFLICTS: ''
  LINKGUARD_MIN_CONFLICTS: ''
  LINKGUARD_FAULTY_MIN_UNEXPLAINED: ''
  LINKGUARD_FAULTY_MIN_UNEXPLAINED_SHARE: ''
  LINKGUARD_FAULTY_MIN_STORMY_RECOVERIES: ''
  LINKGUARD_SHARED_MIN_RETURNS: ''
  LINKGUARD_SHARED_MIN_ALTERNATION: ''
  LINKGUARD_FLEET_BIN_MINUTES: ''
  LINKGUARD_FLEET_MIN_IDENTITIES: ''
  LINKGUARD_FLEET_UPGRADE_MIN_SHARE: ''
  LINKGUARD_FLEET_DROP_MIN_SHARE: ''
  LINKGUARD_FLEET_SPIKE_FACTOR: ''
  LINKGUARD_FLEET_SIGNIFICANCE: ''
  LINKGUARD_FLEET_MAX_EVENT_MINUTES: ''
  LINKGUARD_FLEET_GRACE_MINUTES: ''
  LINKGUARD_TAG_TRANSIENT: ''
  LINKGUARD_TAG_PLATFORM_EVENT: ''
  LINKGUARD_COHORT_MIN_IDENTITIES: ''
  LINKGUARD_COHORT_MIN_CLASS_SHARE: ''
  LINKGUARD_COHORT_MIN_LIFT: ''
  LINKGUARD_COHORT_ALPHA: ''
  LINKGUARD_HUB_RATE_SHARE: ''
  LINKGUARD_HUB_CALL_DEADLINE_SECONDS: ''
  LINKGUARD_HUB_MAX_ATTEMPTS: ''
  LINKGUARD_HUB_HTTP_TIMEOUT_SECONDS: ''
  // Tickets (docs/tickets.md); secrets go through keyVaultSecrets, never settingOverrides.
  LINKGUARD_TICKET_SINKS: ''
  LINKGUARD_TICKET_UPDATE_PERIOD_MINUTES: ''
  LINKGUARD_TICKET_REOPEN_POLICY: ''
  LINKGUARD_TICKET_REOPEN_WINDOW_DAYS: ''
  LINKGUARD_TICKET_TIMEOUT_SECONDS: ''
  LINKGUARD_TICKET_REQUESTS_PER_MINUTE: ''
  LINKGUARD_TICKET_SERVICENOW_URL: ''
  LINKGUARD_TICKET_SERVICENOW_AUTH: ''
  LINKGUARD_TICKET_SERVICENOW_USER: ''
  LINKGUARD_TICKET_SERVICENOW_PASSWORD: ''
  LINKGUARD_TICKET_SERVICENOW_CLIENT_ID: ''
  LINKGUARD_TICKET_SERVICENOW_CLIENT_SECRET: ''
  LINKGUARD_TICKET_SERVICENOW_ASSIGNMENT_GROUP: ''
  LINKGUARD_TICKET_SERVICENOW_URGENCY: ''
  LINKGUARD_TICKET_SERVICENOW_IMPACT: ''
  LINKGUARD_TICKET_SERVICENOW_RESOLVED_STATE: ''
  LINKGUARD_TICKET_SERVICENOW_REOPEN_STATE: ''
  LINKGUARD_TICKET_SERVICENOW_CLOSE_CODE: ''
  LINKGUARD_TICKET_SERVICENOW_DUPLICATE_CLOSE_CODE: ''
  LINKGUARD_TICKET_SERVICENOW_CLOSE_NOTES: ''
  LINKGUARD_TICKET_AZUREDEVOPS_URL: ''
  LINKGUARD_TICKET_AZUREDEVOPS_PROJECT: ''
  LINKGUARD_TICKET_AZUREDEVOPS_AUTH: ''
  LINKGUARD_TICKET_AZUREDEVOPS_PAT: ''
  LINKGUARD_TICKET_AZUREDEVOPS_CLIENT_ID: ''
  LINKGUARD_TICKET_AZUREDEVOPS_TYPE: ''
  LINKGUARD_TICKET_AZUREDEVOPS_CLOSED_STATE: ''
  LINKGUARD_TICKET_AZUREDEVOPS_REOPEN_STATE: ''
  LINKGUARD_TICKET_AZUREDEVOPS_AREA_PATH: ''
  LINKGUARD_TICKET_GITHUB_REPOSITORY: ''
  LINKGUARD_TICKET_GITHUB_TOKEN: ''
  LINKGUARD_TICKET_GITHUB_API_URL: ''
  LINKGUARD_TICKET_GITHUB_LABELS: ''
  LINKGUARD_TICKET_WEBHOOK_URL: ''
  LINKGUARD_TICKET_WEBHOOK_SECRET: ''
  LINKGUARD_BACKOFF_METHOD: ''
  LINKGUARD_BACKOFF_MIN_SECONDS: ''
  LINKGUARD_BACKOFF_MAX_SECONDS: ''
  LINKGUARD_BACKOFF_JITTER: ''
  LINKGUARD_BACKOFF_HOLD_MINUTES: ''
  LINKGUARD_BACKOFF_ADVICE: ''
  LINKGUARD_METHOD_CONNECT_TIMEOUT_SECONDS: ''
  LINKGUARD_METHOD_RESPONSE_TIMEOUT_SECONDS: ''
  LINKGUARD_BACKOFF_CONFIRM_MINUTES: ''
  LINKGUARD_VERIFY_AFTER_MINUTES: ''
  LINKGUARD_VERIFY_MIN_DROP: ''
  LINKGUARD_QUIET_HOURS: ''
  LINKGUARD_MAX_BACKOFFS_PER_RUN: ''
  LINKGUARD_MAX_TICKETS_PER_RUN: ''
  LINKGUARD_MAX_TAG_WRITES_PER_RUN: ''
  LINKGUARD_FLEET_GUARD_SHARE: ''
  LINKGUARD_FLEET_GUARD_MIN_IDENTITIES: ''
  LINKGUARD_BULK_THRESHOLD: ''
  LINKGUARD_SUPPRESS_IDS: ''
  LINKGUARD_HUB_CONCURRENCY: ''
  LINKGUARD_FLEET_GUARD_WINDOW_MINUTES: ''
  LINKGUARD_CAP_WINDOW_MINUTES: ''
  LINKGUARD_HUB_LEASE_WAIT_SECONDS: ''
  LINKGUARD_COHORT_TICKETS: ''
}

// Versionless references: the app picks up a rotated secret within a day (or on restart).
var secretReferences = toObject(items(keyVaultSecrets), secret => secret.key, secret => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secret.value}/)')

// The Functions host and the SDK clients; these always win over overrides.
var platformSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
  AZURE_CLIENT_ID: identityClientId
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(linkguardSettings, settingOverrides, secretReferences, platformSettings)
}
