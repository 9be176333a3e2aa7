package io.linkguard.pipeline;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.evidence.IdentityObservations;
import io.linkguard.loganalytics.QueryParameters;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A simulated fleet's evidence (hubs hub-a-77 and hub-b-77), and an evidence reader over it that records its queries. */
public final class SimulatedEvidence implements EvidenceReader {
    public static final List<String> HUBS = List.of("hub-a-77", "hub-b-77");
    public final EvidenceBatch batch;
    public final List<QueryParameters> queries = new ArrayList<>();
    public volatile RuntimeException failWith;
    public volatile String incompleteBecause;

    public SimulatedEvidence() {
        this.batch = simulate(FleetProfile.sample(77).withIdentitiesPerHub(40));
    }

    public static EvidenceBatch simulate(FleetProfile profile) {
        AnalysisSettings settings = AnalysisSettings.DEFAULTS;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ExportWriter writer = new ExportWriter(ExportFormat.QUERY_API_JSON, bytes)) {
            for (var row : new FleetSimulator(profile).generateShuffled()) {
                writer.write(row);
            }
            return new ExportedLogsSource(settings.evidence(), settings.thresholds().fleetBin())
                    .read(new ByteArrayInputStream(bytes.toByteArray()), "sim");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like the KQL: only the named devices' identities when the query names devices, and the hubs' populations only
     * when it does not (the targeted query reads none).
     */
    @Override
    public synchronized EvidenceBatch read(QueryParameters p) {
        queries.add(p);
        if (failWith != null) {
            throw failWith;
        }
        List<IdentityObservations> identities = batch.identities().stream()
                .filter(o -> p.hubs().isEmpty() || p.hubs().contains(o.identity().hub()))
                .filter(o -> p.devices().isEmpty() || p.devices().contains(o.identity().deviceId()))
                .toList();
        var input = batch.input();
        return new EvidenceBatch(new io.linkguard.evidence.InputSummary(input.source(), input.rows(), input.used(), input.skipped(),
                input.warnings(), incompleteBecause), identities, batch.hubs(),
                p.devices().isEmpty() ? batch.populations() : List.of());
    }
}
