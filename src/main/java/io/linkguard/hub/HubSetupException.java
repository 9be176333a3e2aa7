package io.linkguard.hub;

/** The adapter cannot start for a hub: its ARM resource cannot be read, or it cannot serve remediation. */
public final class HubSetupException extends RuntimeException {

    public HubSetupException(String message) {
        super(message);
    }

    public HubSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
