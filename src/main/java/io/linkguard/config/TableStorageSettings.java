package io.linkguard.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where LinkGuard's tables live: either a Table endpoint reached with the managed identity (in Azure), or a
 * connection string (locally: {@code UseDevelopmentStorage=true} for Azurite). {@code source} names the
 * setting it came from. The connection string can hold an account key: {@link #toString()} never shows it.
 */
public record TableStorageSettings(Optional<URI> endpoint, Optional<String> connectionString, String source) {

    public static TableStorageSettings endpoint(URI endpoint, String source) {
        return new TableStorageSettings(Optional.of(endpoint), Optional.empty(), source);
    }

    public static TableStorageSettings connectionString(String connectionString, String source) {
        return new TableStorageSettings(Optional.empty(), Optional.of(connectionString), source);
    }

    /** For logs: the endpoint, or that a connection string is used (never its content). */
    public String describe() {
        return endpoint.map(e -> e + " (managed identity, from " + source + ")")
                .orElse("connection string from " + source);
    }

    @Override
    public String toString() {
        return "TableStorageSettings[" + describe() + "]";
    }
}
