package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A copy of one twin in the stub hub at the moment it was taken.
 *
 * @param moduleId null for a device twin
 * @param etag     the twin's current ETag (unquoted, as in the twin JSON)
 * @param version  incremented by every accepted write
 */
public record TwinSnapshot(String deviceId, String moduleId, String etag, long version, JsonNode tags,
                           JsonNode desired, JsonNode reported, boolean connected) {

    /** {@code tags.linkguard}, or a missing node. */
    public JsonNode linkguardTag() {
        return tags.path("linkguard");
    }

    /** {@code properties.desired.linkguard}, or a missing node. */
    public JsonNode linkguardDesired() {
        return desired.path("linkguard");
    }
}
