package io.linkguard.loganalytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.evidence.EventCounts;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.HubActivity;
import io.linkguard.evidence.HubPopulation;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityAttribute;
import io.linkguard.evidence.IdentityObservations;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.logs.LogTimestamps;
import io.linkguard.logs.RawRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the rows of fleet-bins.kql, identity-observations.kql and hub-population.kql onto the evidence contract;
 * bad rows are counted.
 */
final class ObservationRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Long> skipped = new TreeMap<>();

    /** Rows that did not fit the contract, by reason. */
    Map<String, Long> skipped() {
        return skipped;
    }

    /**
     * One row of fleet-bins.kql: a hub's bin (drops by signal) or, with binStart empty, the hub's active
     * identities. Partitions add up.
     */
    void addFleetRow(RawRow row, Map<String, FleetCounts> fleet) {
        try {
            String hub = require(row, "hub");
            String binStart = row.get("binStart");
            FleetCounts counts = fleet.computeIfAbsent(hub, h -> new FleetCounts());
            if (binStart == null || binStart.isEmpty()) {
                counts.active += Long.parseLong(require(row, "activeIdentities"));
                return;
            }
            int[] c = counts.bins.computeIfAbsent(LogTimestamps.parseMillis(binStart), b -> new int[4]);
            c[0] += Integer.parseInt(require(row, "droppingIdentities"));
            c[1] += Integer.parseInt(require(row, "upgradeIdentities"));
            c[2] += Integer.parseInt(require(row, "serverErrorIdentities"));
            c[3] += Integer.parseInt(require(row, "connectionLossIdentities"));
        } catch (IllegalArgumentException e) {
            skipped.merge("bad-fleet-bin-row", 1L, Long::sum);
        }
    }

    /**
     * One row of hub-population.kql (hub, attribute, value, identities) added to its hub's counts; the
     * IDENTITY_KIND rows also add up to the hub's active identities.
     */
    void addPopulationRow(RawRow row, Map<String, PopulationCounts> populations) {
        try {
            String hub = require(row, "hub");
            IdentityAttribute attribute = IdentityAttribute.valueOf(require(row, "attribute"));
            String value = row.get("value") == null ? "" : row.get("value"); // an empty cell may come as null
            int identities = Integer.parseInt(require(row, "identities"));
            if (identities < 0 || value.isEmpty() && attribute != IdentityAttribute.MASKED_IP) {
                throw new IllegalArgumentException("bad population count or value");
            }
            PopulationCounts counts = populations.computeIfAbsent(hub, h -> new PopulationCounts());
            counts.byValue.computeIfAbsent(attribute, a -> new HashMap<>()).merge(value, identities, Integer::sum);
            if (attribute == IdentityAttribute.IDENTITY_KIND) {
                counts.identities += identities;
            }
        } catch (IllegalArgumentException e) {
            skipped.merge("bad-population-row", 1L, Long::sum);
        }
    }

    /** A hub's population as hub-population.kql counts it. */
    static final class PopulationCounts {
        final Map<IdentityAttribute, Map<String, Integer>> byValue = new EnumMap<>(IdentityAttribute.class);
        int identities;

        HubPopulation population(String hub) {
            Map<IdentityAttribute, Map<String, Integer>> copy = new EnumMap<>(IdentityAttribute.class);
            byValue.forEach((a, m) -> copy.put(a, Map.copyOf(m)));
            return new HubPopulation(hub, identities, Collections.unmodifiableMap(copy));
        }
    }

    /** A hub's fleet activity summed over partitions. */
    static final class FleetCounts {
        final TreeMap<Long, int[]> bins = new TreeMap<>();
        long active;

        HubActivity activity(String hub, long binMillis, long fromMillis, long toMillis) {
            TreeMap<Long, HubActivity.Bin> converted = new TreeMap<>();
            bins.forEach((bin, c) -> converted.put(bin, new HubActivity.Bin(c[0], c[1], c[2], c[3])));
            return new HubActivity(hub, binMillis, fromMillis, toMillis, active, converted);
        }
    }

    /** The identity's observations, or null (counted) when the row does not fit the contract. */
    IdentityObservations identity(RawRow row) {
        try {
            Identity id = new Identity(require(row, "hub"), require(row, "deviceId"), row.get("moduleId"));
            EventCounts counts = new EventCounts(num(row, "connects"), num(row, "cleanDisconnects"),
                    num(row, "conflicts409002"), num(row, "conflicts400027"), num(row, "drops404104"),
                    num(row, "authExpired401003"), num(row, "serverErrors5xx"), num(row, "platformFaults"),
                    num(row, "otherErrors"));
            JsonNode times = array(row, "times");
            JsonNode codes = array(row, "codes");
            JsonNode ops = array(row, "ops");
            JsonNode ips = array(row, "ips");
            JsonNode sdks = array(row, "sdks");
            JsonNode protocols = array(row, "protocols");
            JsonNode auths = array(row, "auths");
            int n = times.size();
            if (codes.size() != n || ops.size() != n || ips.size() != n || sdks.size() != n || protocols.size() != n
                    || auths.size() != n) {
                throw new IllegalArgumentException("timeline arrays differ in length");
            }
            List<TimelineEvent> timeline = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String code = text(codes.get(i));
                timeline.add(new TimelineEvent(times.get(i).asLong(), EventKind.ofCode(code, "c".equals(text(ops.get(i)))),
                        code, text(ips.get(i)), text(sdks.get(i)), text(protocols.get(i)), text(auths.get(i))));
            }
            timeline.sort(Comparator.comparingLong(TimelineEvent::timeMillis));
            long events = num(row, "events");
            return new IdentityObservations(id, counts, LogTimestamps.parseMillis(require(row, "firstSeen")),
                    LogTimestamps.parseMillis(require(row, "lastSeen")), List.copyOf(timeline), Math.max(0, events - n));
        } catch (IllegalArgumentException | NullPointerException e) {
            skipped.merge("bad-identity-row", 1L, Long::sum);
            return null;
        }
    }

    private static String require(RawRow row, String column) {
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("missing " + column);
        }
        return v;
    }

    private static long num(RawRow row, String column) {
        String v = row.get(column);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static JsonNode array(RawRow row, String column) {
        try {
            JsonNode node = JSON.readTree(require(row, column));
            if (!node.isArray()) {
                throw new IllegalArgumentException(column + " is not an array");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(column + " is not JSON", e);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isEmpty() ? null : s;
    }
}
