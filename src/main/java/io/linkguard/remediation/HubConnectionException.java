package io.linkguard.remediation;

/** The hub could not be reached or described (no adapter, credentials refused, ARM lookup failed...). */
public class HubConnectionException extends RuntimeException {
    public HubConnectionException(String message) {
        super(message);
    }

    public HubConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
