package io.linkguard.evidence;

/**
 * One interpreted Connections log row. {@code code} is the raw ResultType (null on success); ip, sdk
 * and protocol are null when the row did not carry them (sdkVersion is often absent on disconnects);
 * {@code authType} is the {@link AuthTypes} label, or null.
 */
public record ConnectionEvent(
        Identity identity,
        long timeMillis,
        EventKind kind,
        String code,
        String maskedIp,
        String sdkVersion,
        String protocol,
        String authType) {

    /** An event whose row carried no authType. */
    public ConnectionEvent(Identity identity, long timeMillis, EventKind kind, String code, String maskedIp,
                           String sdkVersion, String protocol) {
        this(identity, timeMillis, kind, code, maskedIp, sdkVersion, protocol, null);
    }
}
