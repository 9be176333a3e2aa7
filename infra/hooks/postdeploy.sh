#!/bin/sh
# Step 2 of the deployment (azd runs it after `azd deploy`; run it yourself after any other code deploy):
# wires the hub's Event Grid events to the Event Grid function and, if enabled, the conflict alert.
# Both need the deployed functions. Idempotent: re-running it changes nothing.
# Needs the Azure CLI signed in (az login) to the app's subscription, and these variables (azd sets
# them from main.bicep's outputs): AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME, IOT_HUB_RESOURCE_ID,
# LOG_ANALYTICS_WORKSPACE_RESOURCE_ID. Options are in infra/post-deploy.parameters.json.
set -eu

for name in AZURE_RESOURCE_GROUP FUNCTION_APP_NAME IOT_HUB_RESOURCE_ID LOG_ANALYTICS_WORKSPACE_RESOURCE_ID; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "postdeploy: $name is not set (azd sets it from main.bicep's outputs; see docs/deployment.md)" >&2
    exit 2
  fi
done

infra_dir=$(cd "$(dirname "$0")/.." && pwd)

az deployment group create \
  --name linkguard-post-deploy \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --template-file "$infra_dir/post-deploy.bicep" \
  --parameters "@$infra_dir/post-deploy.parameters.json" \
  --parameters functionAppName="$FUNCTION_APP_NAME" \
               iotHubResourceId="$IOT_HUB_RESOURCE_ID" \
               logAnalyticsWorkspaceResourceId="$LOG_ANALYTICS_WORKSPACE_RESOURCE_ID" \
  --output none

echo "postdeploy: Event Grid wired to $FUNCTION_APP_NAME"
