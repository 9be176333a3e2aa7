// Key Vault for the ticket sinks' secrets (RBAC mode: no access policies). The app reads them through
// @Microsoft.KeyVault(SecretUri=...) app settings (app-settings.bicep) with Key Vault Secrets User.
// Secrets are never written by this template: an operator sets them (docs/deployment.md). Purge
// protection is on: a deleted vault (or secret) stays recoverable for the 7-day retention and nobody,
// not even an owner, can purge it early; once on it cannot be turned off.

@description('Name of the key vault (3-24 letters, digits and hyphens).')
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
