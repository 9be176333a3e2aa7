package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import java.util.Map;

/**
 * The parts of a device or module twin that remediation reads: its ETag, LinkGuard's own tag, the
 * operator's suppression tag, LinkGuard's desired-property instruction and the connection state.
 * Maps are JSON objects as parsed (String, Number, Boolean, Map, null); empty when absent.
 */
public record TwinView(Identity identity, String etag, Map<String, Object> linkguardTag,
                       Map<String, Object> suppressionTag, Map<String, Object> linkguardDesired,
                       String connectionState) {

    /** The tag LinkGuard owns; customer tags beside it are never touched. */
    public static final String TAG = "linkguard";
    /** The tag an operator sets to keep LinkGuard away from an identity: {"until": ISO-8601, "reason": ..}. */
    public static final String SUPPRESSION_TAG = "linkguardSuppress";
}
