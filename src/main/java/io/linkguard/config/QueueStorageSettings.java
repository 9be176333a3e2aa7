package io.linkguard.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the evaluation queue lives: the Functions host's own storage account, the one its queue trigger
 * ({@code connection = "AzureWebJobsStorage"}) listens on. Either the Queue endpoint reached with the managed
 * identity, or a connection string (Azurite locally). {@link #toString()} never shows the connection string.
 */
public record QueueStorageSettings(Optional<URI> endpoint, Optional<String> connectionString, String source) {

    public static QueueStorageSettings endpoint(URI endpoint, String source) {
        return new QueueStorageSettings(Optional.of(endpoint), Optional.empty(), source);
    }

    public static QueueStorageSettings connectionString(String connectionString, String source) {
        return new QueueStorageSettings(Optional.empty(), Optional.of(connectionString), source);
    }

    public String describe() {
        return endpoint.map(e -> e + " (managed identity, from " + source + ")")
                .orElse("connection string from " + source);
    }

    @Override
    public String toString() {
        return "QueueStorageSettings[" + describe() + "]";
    }
}
