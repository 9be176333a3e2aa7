package io.linkguard.device;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * The device's copy of {@code properties.desired.linkguard.backoff}. A twin PATCH carries only what changed
 * (a JSON merge patch: objects merge, null deletes), so the value is kept here and patched; a full twin replaces
 * it. {@code $version} orders them: a patch or twin older than what the device already has is ignored (a twin
 * GET answered after a newer PATCH arrived).
 */
final class DesiredBackoff {
    // serializeNulls: a null inside a patch deletes that key; without it Gson would drop the entry.
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private JsonElement value = JsonNull.INSTANCE;
    private Integer version;

    /** A full twin's desired properties; false if older than what is known. */
    synchronized boolean replaceFrom(Map<String, Object> desired, Integer desiredVersion) {
        if (isStale(desiredVersion, true)) {
            return false;
        }
        version = desiredVersion;
        Object linkguard = desired.get("linkguard");
        Object backoff = linkguard instanceof Map<?, ?> section ? section.get("backoff") : null;
        value = backoff == null ? JsonNull.INSTANCE : GSON.toJsonTree(backoff);
        return true;
    }

    /** A desired-properties PATCH; false if it is older than what is known or does not touch the back-off. */
    synchronized boolean patchFrom(Map<String, Object> patch, Integer patchVersion) {
        if (isStale(patchVersion, false)) {
            return false;
        }
        if (patchVersion != null) {
            version = patchVersion;
        }
        if (!patch.containsKey("linkguard")) {
            return false;
        }
        Object linkguard = patch.get("linkguard");
        if (linkguard == null) {
            value = JsonNull.INSTANCE;
            return true;
        }
        if (!(linkguard instanceof Map<?, ?> section) || !section.containsKey("backoff")) {
            return false;
        }
        Object backoff = section.get("backoff");
        if (backoff == null) {
            value = JsonNull.INSTANCE;
        } else if (backoff instanceof Map<?, ?> && value.isJsonObject()) {
            value = merge(value.getAsJsonObject(), GSON.toJsonTree(backoff).getAsJsonObject());
        } else {
            value = GSON.toJsonTree(backoff);
        }
        return true;
    }

    /** The current value; JSON null when there is none. */
    synchronized JsonElement value() {
        return value.deepCopy();
    }

    private boolean isStale(Integer incoming, boolean fullTwin) {
        if (incoming == null || version == null) {
            return false;
        }
        return fullTwin ? incoming < version : incoming <= version;
    }

    private static JsonObject merge(JsonObject target, JsonObject patch) {
        JsonObject result = target.deepCopy();
        for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
            JsonElement patchValue = entry.getValue();
            if (patchValue.isJsonNull()) {
                result.remove(entry.getKey());
            } else if (patchValue.isJsonObject() && result.has(entry.getKey()) && result.get(entry.getKey()).isJsonObject()) {
                result.add(entry.getKey(), merge(result.getAsJsonObject(entry.getKey()), patchValue.getAsJsonObject()));
            } else {
                result.add(entry.getKey(), patchValue.deepCopy());
            }
        }
        return result;
    }
}
