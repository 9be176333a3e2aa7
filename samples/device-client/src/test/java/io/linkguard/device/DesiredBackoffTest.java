package io.linkguard.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredBackoffTest {
    final DesiredBackoff desired = new DesiredBackoff();

    @Test
    void aFullTwinSetsTheValueAndPatchesMergeIntoIt() {
        assertThat(desired.replaceFrom(Map.of("linkguard", Map.of("backoff", Map.of("commandId", "a", "minBackoffSeconds", 30))), 4)).isTrue();
        assertThat(desired.patchFrom(Map.of("linkguard", Map.of("backoff", Map.of("minBackoffSeconds", 60))), 5)).isTrue();

        assertThat(desired.value()).isEqualTo(JsonParser.parseString("{\"commandId\":\"a\",\"minBackoffSeconds\":60}"));
    }

    @Test
    void nullDeletesTheValueOrOneOfItsFields() {
        desired.replaceFrom(Map.of("linkguard", Map.of("backoff", Map.of("commandId", "a", "reason", "r"))), 1);

        assertThat(desired.patchFrom(Map.of("linkguard", Map.of("backoff", mapWithNull("reason"))), 2)).isTrue();
        assertThat(desired.value()).isEqualTo(JsonParser.parseString("{\"commandId\":\"a\"}"));

        assertThat(desired.patchFrom(Map.of("linkguard", mapWithNull("backoff")), 3)).isTrue();
        assertThat(desired.value().isJsonNull()).isTrue();

        desired.patchFrom(Map.of("linkguard", Map.of("backoff", Map.of("commandId", "b"))), 4);
        assertThat(desired.patchFrom(mapWithNull("linkguard"), 5)).as("the whole section deleted").isTrue();
        assertThat(desired.value().isJsonNull()).isTrue();
    }

    @Test
    void olderTwinsAndPatchesAreIgnoredAndOtherSectionsDoNotCount() {
        desired.replaceFrom(Map.of("linkguard", Map.of("backoff", Map.of("commandId", "new"))), 7);

        assertThat(desired.patchFrom(Map.of("linkguard", Map.of("backoff", Map.of("commandId", "old"))), 7)).isFalse();
        assertThat(desired.replaceFrom(Map.of(), 6)).isFalse();
        assertThat(desired.patchFrom(Map.of("telemetryInterval", 5), 8)).isFalse();
        assertThat(desired.value()).isEqualTo(JsonParser.parseString("{\"commandId\":\"new\"}"));
        assertThat(desired.replaceFrom(Map.of(), 8)).as("a full twin without it").isTrue();
        assertThat(desired.value().isJsonNull()).isTrue();
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, null);
        return map;
    }
}
