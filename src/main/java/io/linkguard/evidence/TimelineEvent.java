package io.linkguard.evidence;

/** One retained event of an identity's bounded timeline; {@code authType} is the {@link AuthTypes} label, or null. */
public record TimelineEvent(long timeMillis, EventKind kind, String code, String maskedIp, String sdkVersion,
                            String protocol, String authType) {

    /** An event without an authType. */
    public TimelineEvent(long timeMillis, EventKind kind, String code, String maskedIp, String sdkVersion, String protocol) {
        this(timeMillis, kind, code, maskedIp, sdkVersion, protocol, null);
    }
}
