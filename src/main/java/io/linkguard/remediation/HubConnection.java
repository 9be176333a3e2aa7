package io.linkguard.remediation;

/** A connected hub: the gateway remediation acts through, and the hub's roster for the run. */
public interface HubConnection extends AutoCloseable {

    HubGateway gateway();

    /**
     * The hub's identity count and the identities with an active {@code tags.linkguard} (see
     * {@link HubRoster} for the queries). Throws {@link HubConnectionException} when the hub cannot answer.
     */
    HubRoster roster();

    @Override
    void close();
}
