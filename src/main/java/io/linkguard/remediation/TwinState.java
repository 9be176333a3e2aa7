package io.linkguard.remediation;

import io.linkguard.remediation.backoff.BackoffInstruction;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.MergePatch;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.remediation.tag.TagReading;
import java.util.Map;

/**
 * One identity's twin as this run last saw it: ETag, LinkGuard's tag (raw and read), the desired-property
 * instruction and the operator's suppression tag. Writes that succeed are applied here too, so the next write
 * is guarded by the right ETag and diffed against what the twin now holds.
 */
final class TwinState {
    String etag;
    Map<String, Object> rawTag;
    Map<String, Object> rawDesired;
    Map<String, Object> suppression;
    TagReading reading;

    TwinState(TwinView twin) {
        etag = twin.etag();
        rawTag = twin.linkguardTag() == null ? Map.of() : twin.linkguardTag();
        rawDesired = twin.linkguardDesired() == null ? Map.of() : twin.linkguardDesired();
        suppression = twin.suppressionTag() == null ? Map.of() : twin.suppressionTag();
        reading = TagCodec.parse(rawTag);
    }

    LinkGuardTag tag() {
        return reading.tagOrNull();
    }

    boolean desiredBackoffPresent() {
        return rawDesired.get(BackoffInstruction.DESIRED_KEY) != null;
    }

    void tagWritten(String newEtag, Map<String, Object> patch) {
        etag = newEtag;
        rawTag = MergePatch.apply(rawTag, patch);
        reading = TagCodec.parse(rawTag);
    }

    void desiredWritten(String newEtag, Map<String, Object> patch) {
        etag = newEtag;
        rawDesired = MergePatch.apply(rawDesired, patch);
    }
}
