package io.linkguard.remediation;

import java.time.Duration;

/** A connected hub: the gateway remediation acts through, and the hub's roster for the run. */
public interface HubConnection extends AutoCloseable {

    HubGateway gateway();

    /**
     * The hub's identity count and, for {@link RosterScope#COUNT_AND_TAGGED}, the identities with an active
     * {@code tags.linkguard} (see {@link HubRoster} for the queries); for {@link RosterScope#COUNT_ONLY} the
     * tagged identities are not queried and the roster lists none. Throws {@link HubConnectionException} when
     * the hub cannot answer.
     */
    HubRoster roster(RosterScope scope);

    /**
     * This process has just taken the hub's writer lease from whoever held it before: the connection's calls must
     * not spend what the previous writer already spent of the hub's throttles (its client-side budget starts
     * drained). Called before any call on a connection made under a lease that other processes share.
     */
    default void handedOver() {
    }

    /** How long this connection's calls have waited so far for the hub's throttles and Retry-After. */
    default Duration throttlingWait() {
        return Duration.ZERO;
    }

    @Override
    void close();
}
