package io.linkguard.events;

import io.linkguard.evidence.Identity;
import java.util.Optional;

/**
 * Where per-identity connection state lives (Table Storage in Azure). Writes are optimistic: a save names the
 * version it read, so two deliveries for one identity processed at once cannot overwrite each other.
 */
public interface ConnectionStateStore {

    /** A stored state and the version (ETag) it was read at. */
    record Versioned(IdentityConnectionState state, String version) {
    }

    Optional<Versioned> load(Identity identity);

    /**
     * Saves the state if the stored one is still at {@code version} (null: only if none is stored yet).
     *
     * @return false when someone else wrote first; the caller re-reads and re-applies
     */
    boolean save(Identity identity, IdentityConnectionState state, String version);
}
