# Step 2 of the deployment on Windows: see postdeploy.sh (same steps, same variables).
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'FUNCTION_APP_NAME', 'IOT_HUB_RESOURCE_ID', 'LOG_ANALYTICS_WORKSPACE_RESOURCE_ID') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        Write-Error "postdeploy: $name is not set (azd sets it from main.bicep's outputs; see docs/deployment.md)"
        exit 2
    }
}

$infraDir = Split-Path -Parent $PSScriptRoot

az deployment group create `
  --name linkguard-post-deploy `
  --resource-group $env:AZURE_RESOURCE_GROUP `
  --template-file "$infraDir/post-deploy.bicep" `
  --parameters "@$infraDir/post-deploy.parameters.json" `
  --parameters functionAppName=$env:FUNCTION_APP_NAME `
               iotHubResourceId=$env:IOT_HUB_RESOURCE_ID `
               logAnalyticsWorkspaceResourceId=$env:LOG_ANALYTICS_WORKSPACE_RESOURCE_ID `
  --output none
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

Write-Host "postdeploy: Event Grid wired to $env:FUNCTION_APP_NAME"
