package io.linkguard.remediation;

/** Another run kept the hub's writer lease for longer than this run would wait. */
public class HubBusyException extends HubConnectionException {
    public HubBusyException(String message) {
        super(message);
    }
}
