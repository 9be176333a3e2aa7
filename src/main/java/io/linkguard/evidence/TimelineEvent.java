package io.linkguard.evidence;

/** One retained event of an identity's bounded timeline. */
public record TimelineEvent(long timeMillis, EventKind kind, String code, String maskedIp, String sdkVersion,
                            String protocol) {
}
