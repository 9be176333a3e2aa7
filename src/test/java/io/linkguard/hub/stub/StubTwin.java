package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * One device or module twin held by the stub, with IoT Hub's write rules: merge patches of tags and
 * desired properties, an ETag that changes with every accepted write, tags at most 8 KB, desired and
 * reported properties at most 32 KB each, depth at most 10. Guarded by the stub's lock.
 */
final class StubTwin {
    static final int MAX_TAGS_BYTES = 8 * 1024;
    static final int MAX_PROPERTIES_BYTES = 32 * 1024;
    static final int MAX_DEPTH = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    final String deviceId;
    final String moduleId;
    ObjectNode tags = JSON.createObjectNode();
    ObjectNode desired = JSON.createObjectNode();
    ObjectNode reported = JSON.createObjectNode();
    boolean connected;
    long version = 1;
    long desiredVersion = 1;
    long reportedVersion = 1;
    Instant updated = Instant.now();
    private final long etagSeed;

    StubTwin(String deviceId, String moduleId, long etagSeed) {
        this.deviceId = deviceId;
        this.moduleId = moduleId;
        this.etagSeed = etagSeed;
    }

    /** Like the hub's ETags: an opaque base64 string that changes with every write. */
    String etag() {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(etagSeed * 1_000_003L + version).array());
    }

    /**
     * Applies a service-side PATCH body ({@code tags}, {@code properties.desired}); returns an error
     * (status and message) or null when accepted.
     */
    Rejection patch(JsonNode body) {
        JsonNode tagPatch = body.path("tags");
        JsonNode properties = body.path("properties");
        if (!properties.path("reported").isMissingNode() && properties.path("reported").size() > 0) {
            return new Rejection(400, 400004, "reported properties cannot be written by a service");
        }
        JsonNode desiredPatch = properties.path("desired");
        ObjectNode newTags = tags.deepCopy();
        ObjectNode newDesired = desired.deepCopy();
        if (tagPatch.isObject()) {
            JsonMerge.merge(newTags, tagPatch);
        }
        if (desiredPatch.isObject()) {
            JsonMerge.merge(newDesired, withoutMetadata(desiredPatch));
        }
        Rejection limits = checkLimits(newTags, newDesired);
        if (limits != null) {
            return limits;
        }
        boolean desiredChanged = !newDesired.equals(desired);
        tags = newTags;
        desired = newDesired;
        version++;
        if (desiredChanged) {
            desiredVersion++;
        }
        updated = Instant.now();
        return null;
    }

    private static JsonNode withoutMetadata(JsonNode desiredPatch) {
        ObjectNode copy = desiredPatch.deepCopy();
        copy.remove("$metadata");
        copy.remove("$version");
        return copy;
    }

    private static Rejection checkLimits(ObjectNode newTags, ObjectNode newDesired) {
        String bad = JsonMerge.badKey(newTags);
        if (bad == null) {
            bad = JsonMerge.badKey(newDesired);
        }
        if (bad != null) {
            return new Rejection(400, 400004, "invalid key '" + bad + "': keys may not contain '.', '$' or a space");
        }
        int tagBytes = newTags.toString().getBytes(StandardCharsets.UTF_8).length;
        if (tagBytes > MAX_TAGS_BYTES) {
            return new Rejection(400, 400004, "tags are " + tagBytes + " bytes, over the limit of " + MAX_TAGS_BYTES);
        }
        int desiredBytes = newDesired.toString().getBytes(StandardCharsets.UTF_8).length;
        if (desiredBytes > MAX_PROPERTIES_BYTES) {
            return new Rejection(400, 400004, "desired properties are " + desiredBytes + " bytes, over the limit of "
                    + MAX_PROPERTIES_BYTES);
        }
        if (JsonMerge.depth(newTags) > MAX_DEPTH || JsonMerge.depth(newDesired) > MAX_DEPTH) {
            return new Rejection(400, 400004, "nested deeper than " + MAX_DEPTH);
        }
        return null;
    }

    /** The twin as the service API returns it. */
    ObjectNode toJson() {
        ObjectNode t = JSON.createObjectNode();
        t.put("deviceId", deviceId);
        if (moduleId != null) {
            t.put("moduleId", moduleId);
        }
        t.put("etag", etag());
        t.put("deviceEtag", "NzQ0MjE4NjE0");
        t.put("status", "enabled");
        t.put("statusUpdateTime", "0001-01-01T00:00:00Z");
        t.put("connectionState", connected ? "Connected" : "Disconnected");
        t.put("lastActivityTime", updated.toString());
        t.put("cloudToDeviceMessageCount", 0);
        t.put("authenticationType", "sas");
        ObjectNode thumb = t.putObject("x509Thumbprint");
        thumb.putNull("primaryThumbprint");
        thumb.putNull("secondaryThumbprint");
        t.put("version", version);
        t.set("tags", tags.deepCopy());
        ObjectNode props = t.putObject("properties");
        props.set("desired", withMetadata(desired, desiredVersion));
        props.set("reported", withMetadata(reported, reportedVersion));
        return t;
    }

    private ObjectNode withMetadata(ObjectNode node, long v) {
        ObjectNode copy = node.deepCopy();
        copy.putObject("$metadata").put("$lastUpdated", updated.toString());
        copy.put("$version", v);
        return copy;
    }

    TwinSnapshot snapshot() {
        return new TwinSnapshot(deviceId, moduleId, etag(), version, tags.deepCopy(), desired.deepCopy(),
                reported.deepCopy(), connected);
    }

    /** A write the hub refuses. */
    record Rejection(int status, int errorCode, String message) {
    }
}
