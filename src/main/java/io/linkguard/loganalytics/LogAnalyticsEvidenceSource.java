package io.linkguard.loganalytics;

import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.HubActivity;
import io.linkguard.evidence.HubPopulation;
import io.linkguard.evidence.IdentityObservations;
import io.linkguard.evidence.InputSummary;
import io.linkguard.logs.RawRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The production evidence source: the .kql queries run through a {@link LogQueryRunner}. The work is split
 * into hash(deviceId) partitions sized so that no answer nears the query API's limits (500,000 rows,
 * ~100 MB): each identity row carries at most the timeline size of events (~80 bytes each), so a partition
 * holds at most {@code maxIdentitiesPerQuery} identities (default 2,000: ~40 MB at 256 events). The hub
 * populations (hub-population.kql, the cohort baseline) are one query over all partitions: its answer grows with
 * the distinct attribute values, not with the identities. A failed or partial population answer gives no
 * populations (cohorts "not computed", with a warning) rather than a wrong baseline; it does not make the
 * per-identity evidence incomplete. A targeted read (some devices) asks for no populations: cohorts are a
 * finding about the fleet, not about the few identities it evaluates.
 */
public final class LogAnalyticsEvidenceSource {
    private final LogQueryRunner runner;
    private final Clock clock;
    private final int maxIdentitiesPerQuery;

    public LogAnalyticsEvidenceSource(LogQueryRunner runner, Clock clock, int maxIdentitiesPerQuery) {
        if (maxIdentitiesPerQuery < 1) {
            throw new IllegalArgumentException("maxIdentitiesPerQuery must be positive");
        }
        this.runner = runner;
        this.clock = clock;
        this.maxIdentitiesPerQuery = maxIdentitiesPerQuery;
    }

    public EvidenceBatch read(QueryParameters p) {
        Duration span = p.lookback();
        List<String> incomplete = new ArrayList<>();
        long affected = affectedCount(p, span, incomplete);
        int partitions = (int) Math.max(1, (affected + maxIdentitiesPerQuery - 1) / maxIdentitiesPerQuery);

        Map<String, ObservationRows.FleetCounts> fleetByHub = new TreeMap<>();
        List<IdentityObservations> identities = new ArrayList<>();
        long rows = 0;
        ObservationRows mapper = new ObservationRows();
        for (int part = 0; part < partitions; part++) {
            // Over all devices of the hubs: a targeted evaluation still needs hub-wide fleet activity, or a
            // platform event would look like per-device conflicts.
            QueryResult fleet = run(KqlQueries.FLEET_BINS, p.allDevices(), partitions, part, span, incomplete);
            for (RawRow row : fleet.rows()) {
                rows++;
                mapper.addFleetRow(row, fleetByHub);
            }
            QueryResult observed = run(KqlQueries.IDENTITY_OBSERVATIONS, p, partitions, part, span, incomplete);
            for (RawRow row : observed.rows()) {
                rows++;
                IdentityObservations obs = mapper.identity(row);
                if (obs != null) {
                    identities.add(obs);
                }
            }
        }
        identities.sort((a, b) -> a.identity().compareTo(b.identity()));
        List<String> warnings = new ArrayList<>();
        List<HubPopulation> populations = new ArrayList<>();
        if (p.devices().isEmpty()) {
            rows += populations(p, span, mapper, populations, warnings);
        }
        long now = clock.millis();
        List<HubActivity> hubs = new ArrayList<>();
        fleetByHub.forEach((hub, fleet) -> hubs.add(fleet.activity(hub, p.bin().toMillis(), now - span.toMillis(), now)));
        Map<String, Long> skipped = mapper.skipped();
        InputSummary input = new InputSummary("Log Analytics (" + partitions + " partition" + (partitions == 1 ? "" : "s")
                + ", " + affected + " affected identities)", rows, rows - skipped.values().stream().mapToLong(Long::longValue).sum(),
                skipped, List.copyOf(warnings), incomplete.isEmpty() ? null : String.join("; ", incomplete));
        return new EvidenceBatch(input, identities, hubs, List.copyOf(populations));
    }

    /** Adds the hub populations, or none with a warning; returns the rows read. */
    private long populations(QueryParameters p, Duration span, ObservationRows mapper, List<HubPopulation> populations,
                             List<String> warnings) {
        QueryResult result;
        try {
            result = runner.run(KqlQueries.render(KqlQueries.HUB_POPULATION, p.allDevices(), 1, 0), span);
        } catch (LogQueryException e) {
            warnings.add("cohorts not computed: " + KqlQueries.HUB_POPULATION + " failed: " + e.getMessage());
            return 0;
        }
        if (result.isPartial()) {
            warnings.add("cohorts not computed: " + KqlQueries.HUB_POPULATION + " answered in part: " + result.partialError());
            return result.rows().size();
        }
        Map<String, ObservationRows.PopulationCounts> byHub = new TreeMap<>();
        for (RawRow row : result.rows()) {
            mapper.addPopulationRow(row, byHub);
        }
        byHub.forEach((hub, counts) -> populations.add(counts.population(hub)));
        return result.rows().size();
    }

    private long affectedCount(QueryParameters p, Duration span, List<String> incomplete) {
        QueryResult result = run(KqlQueries.AFFECTED_COUNT, p, 1, 0, span, incomplete);
        if (result.rows().isEmpty()) {
            return 0;
        }
        String count = result.rows().get(0).get("affectedIdentities");
        try {
            return count == null ? 0 : Long.parseLong(count);
        } catch (NumberFormatException e) {
            throw new LogQueryException("affected-count.kql returned a non-numeric count '" + count + "'");
        }
    }

    private QueryResult run(String query, QueryParameters p, int partitions, int part, Duration span,
                            List<String> incomplete) {
        QueryResult result = runner.run(KqlQueries.render(query, p, partitions, part), span);
        if (result.isPartial()) {
            incomplete.add(query + " partition " + part + "/" + partitions + ": " + result.partialError());
        }
        return result;
    }
}
