package io.linkguard.loganalytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.HubActivity;
import io.linkguard.evidence.HubPopulation;
import io.linkguard.evidence.IdentityAttribute;
import io.linkguard.evidence.IdentityObservations;
import io.linkguard.evidence.TimelineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Query API responses ({@code {"tables":[...]}}) shaped exactly like the output of LinkGuard's three queries,
 * made from an offline evidence batch: a stub answering with them makes the Log Analytics path see the same
 * fleet as the exported-file path.
 */
public final class QueryApiTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryApiTables() {
    }

    /** What affected-count.kql returns. */
    public static ObjectNode affectedCount(long count) {
        return table(List.of("affectedIdentities"), List.of(List.of(count)));
    }

    /** What fleet-bins.kql returns: one row per hub and bin with drops, one per hub with its active identities. */
    public static ObjectNode fleetTable(EvidenceBatch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (HubActivity h : batch.hubs()) {
            h.bins().forEach((bin, b) -> rows.add(Arrays.asList(h.hub(), Instant.ofEpochMilli(bin).toString(),
                    b.droppingIdentities(), b.upgradeIdentities(), b.serverErrorIdentities(), b.connectionLossIdentities(),
                    null)));
            rows.add(Arrays.asList(h.hub(), null, null, null, null, null, h.activeIdentities()));
        }
        return table(FLEET_COLUMNS, rows);
    }

    public static final List<String> FLEET_COLUMNS = List.of("hub", "binStart", "droppingIdentities", "upgradeIdentities",
            "serverErrorIdentities", "connectionLossIdentities", "activeIdentities");

    /** What identity-observations.kql returns: counts, and the timeline as parallel arrays newest first. */
    public static ObjectNode identityTable(List<IdentityObservations> identities) {
        List<String> columns = List.of("hub", "deviceId", "moduleId", "connects", "cleanDisconnects", "conflicts409002",
                "conflicts400027", "drops404104", "authExpired401003", "serverErrors5xx", "platformFaults", "otherErrors",
                "firstSeen", "lastSeen", "events", "times", "codes", "ops", "ips", "sdks", "protocols", "auths");
        List<List<Object>> rows = identities.stream().map(o -> {
            List<TimelineEvent> newestFirst = new ArrayList<>(o.timeline());
            Collections.reverse(newestFirst);
            var c = o.counts();
            return List.<Object>of(o.identity().hub(), o.identity().deviceId(), o.identity().moduleId() == null ? "" : o.identity().moduleId(),
                    c.connects(), c.cleanDisconnects(), c.conflicts409002(), c.conflicts400027(), c.drops404104(),
                    c.authExpired401003(), c.serverErrors5xx(), c.platformFaults(), c.otherErrors(),
                    Instant.ofEpochMilli(o.firstSeenMillis()).toString(), Instant.ofEpochMilli(o.lastSeenMillis()).toString(),
                    o.timeline().size() + o.timelineOmitted(),
                    json(newestFirst.stream().map(TimelineEvent::timeMillis).toList()),
                    json(newestFirst.stream().map(e -> e.code() == null ? "" : e.code()).toList()),
                    json(newestFirst.stream().map(e -> e.kind() == EventKind.CONNECT ? "c" : "d").toList()),
                    json(newestFirst.stream().map(e -> e.maskedIp() == null ? "" : e.maskedIp()).toList()),
                    json(newestFirst.stream().map(e -> e.sdkVersion() == null ? "" : e.sdkVersion()).toList()),
                    json(newestFirst.stream().map(e -> e.protocol() == null ? "" : e.protocol()).toList()),
                    json(newestFirst.stream().map(e -> e.authType() == null ? "" : e.authType()).toList()));
        }).toList();
        return table(columns, rows);
    }

    /** Text only hub-population.kql holds, for stubs that answer by query. */
    public static final String POPULATION_MARKER = "mv-expand kind=array attributes";

    public static final List<String> POPULATION_COLUMNS = List.of("hub", "attribute", "value", "identities");

    /**
     * What hub-population.kql returns for the batch's hubs: identities per hub, attribute and value, with every
     * masked address that no conflicting identity of the hub showed folded into the value "".
     */
    public static ObjectNode populationTable(EvidenceBatch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (HubPopulation population : batch.populations()) {
            Set<String> carried = new HashSet<>();
            batch.identities().stream().filter(o -> o.identity().hub().equals(population.hub()))
                    .forEach(o -> o.timeline().forEach(e -> carried.add(e.maskedIp())));
            population.identitiesByValue().forEach((attribute, counts) -> {
                Map<String, Integer> folded = new TreeMap<>();
                counts.forEach((value, n) -> folded.merge(attribute != IdentityAttribute.MASKED_IP || carried.contains(value)
                        ? value : "", n, Integer::sum));
                folded.forEach((value, n) -> rows.add(List.of(population.hub(), attribute.name(), value, n)));
            });
        }
        return typedTable(POPULATION_COLUMNS, List.of("string", "string", "string", "long"), rows);
    }

    /** A table with the column types the query API declares (string, long, datetime, dynamic...). */
    public static ObjectNode typedTable(List<String> columns, List<String> types, List<List<Object>> rows) {
        ObjectNode root = table(columns, rows);
        ArrayNode cols = (ArrayNode) root.get("tables").get(0).get("columns");
        for (int i = 0; i < columns.size(); i++) {
            ((ObjectNode) cols.get(i)).put("type", types.get(i));
        }
        return root;
    }

    public static ObjectNode table(List<String> columns, List<List<Object>> rows) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode t = root.putArray("tables").addObject();
        t.put("name", "PrimaryResult");
        ArrayNode cols = t.putArray("columns");
        columns.forEach(c -> cols.addObject().put("name", c).put("type", c.startsWith("times") ? "dynamic" : "string"));
        ArrayNode rowArray = t.putArray("rows");
        for (List<Object> row : rows) {
            ArrayNode r = rowArray.addArray();
            row.forEach(r::addPOJO);
        }
        return root;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
