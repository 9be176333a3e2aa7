package io.linkguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's labels, as truth.json: [{"hub","deviceId","moduleId","classification","cohort"}], where
 * {@code cohort} (present only on a planted cohort's members) is the sdkVersion that made the identity faulty.
 */
public final class GroundTruth {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GroundTruth() {
    }

    public static void write(Map<Identity, Classification> truth, Path file) throws IOException {
        write(truth, Map.of(), file);
    }

    public static void write(Map<Identity, Classification> truth, Map<Identity, String> cohorts, Path file)
            throws IOException {
        ArrayNode array = MAPPER.createArrayNode();
        truth.forEach((id, c) -> {
            ObjectNode node = array.addObject();
            node.put("hub", id.hub());
            node.put("deviceId", id.deviceId());
            node.put("moduleId", id.moduleId());
            node.put("classification", c.label());
            if (cohorts.containsKey(id)) {
                node.put("cohort", cohorts.get(id));
            }
        });
        MAPPER.writeValue(file.toFile(), array);
    }

    /** The planted cohort members of a truth.json and the sdkVersion of each; empty for a fleet without one. */
    public static Map<Identity, String> readCohorts(Path file) throws IOException {
        Map<Identity, String> cohorts = new LinkedHashMap<>();
        for (var node : MAPPER.readTree(file.toFile())) {
            if (node.hasNonNull("cohort")) {
                cohorts.put(identity(node), node.get("cohort").asText());
            }
        }
        return cohorts;
    }

    private static Identity identity(JsonNode node) {
        return new Identity(node.get("hub").asText(), node.get("deviceId").asText(),
                node.get("moduleId").isNull() ? null : node.get("moduleId").asText());
    }

    public static Map<Identity, Classification> read(Path file) throws IOException {
        Map<Identity, Classification> truth = new LinkedHashMap<>();
        for (var node : MAPPER.readTree(file.toFile())) {
            truth.put(identity(node), Classification.ofLabel(node.get("classification").asText()));
        }
        return truth;
    }
}
