package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.logs.LegacyLogReading;
import io.linkguard.logs.ReadSummary;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import io.linkguard.simulator.SimRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Old path against new path: the evidence {@link ExportedLogsSource} builds (column selection, byte-level CSV,
 * properties fast path, two threads) equals what the previous pipeline built (every column, the legacy
 * readers, Jackson for properties_s, one thread), including the skip counts by reason and the warnings.
 */
class ExportedLogsEquivalenceTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.DEFAULTS;

    /** The previous pipeline, as ExportedLogsSource.Reading was. */
    static EvidenceBatch legacy(byte[] data, String name) throws IOException {
        SkipCounts skipped = new SkipCounts();
        LegacyConnectionRowParser parser = new LegacyConnectionRowParser(skipped);
        ObservationCollector collector = new ObservationCollector(SETTINGS.evidence().timelineEvents());
        long[] rows = new long[2];
        ReadSummary summary = LegacyLogReading.read(data, row -> {
            rows[0]++;
            ConnectionEvent event = parser.parse(row);
            if (event != null) {
                rows[1]++;
                collector.add(event);
            }
        });
        InputSummary input = new InputSummary(name + " (" + summary.format() + ")", rows[0], rows[1],
                skipped.byLabel(), List.copyOf(summary.warnings()), summary.stoppedBecause());
        return new EvidenceBatch(input, collector.conflictingIdentities(), collector.hubActivity(
                SETTINGS.thresholds().fleetBin().toMillis(), SETTINGS.evidence().renewalWindow().toMillis()));
    }

    static EvidenceBatch current(byte[] data, String name) throws IOException {
        return new ExportedLogsSource(SETTINGS.evidence(), SETTINGS.thresholds().fleetBin())
                .read(new ByteArrayInputStream(data), name);
    }

    static EvidenceBatch assertSameEvidence(byte[] data) throws IOException {
        EvidenceBatch expected = legacy(data, "input");
        EvidenceBatch actual = current(data, "input");
        assertThat(actual.input()).isEqualTo(expected.input());
        assertThat(actual.identities()).isEqualTo(expected.identities());
        assertThat(actual.hubs()).isEqualTo(expected.hubs());
        return actual;
    }

    static byte[] export(List<SimRow> rows, ExportFormat format, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
             ExportWriter writer = new ExportWriter(format, out)) {
            for (SimRow row : rows) {
                writer.write(row);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void bundledSample() throws IOException {
        EvidenceBatch batch = assertSameEvidence(Files.readAllBytes(Path.of("samples/connections-sample.csv.gz")));
        assertThat(batch.identities()).isNotEmpty();
        assertThat(batch.input().skipped()).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"PORTAL_CSV", "AZ_CLI_JSON", "QUERY_API_JSON"}) // the legacy readers' formats
    void simulatedExportsWithMalformedRows(ExportFormat format) throws IOException {
        FleetProfile profile = new FleetProfile(31, 40, 2, 6, 0.2, 0.1, 0.08, 0.2, 0.4, 0.05);
        List<SimRow> rows = new FleetSimulator(profile).generateShuffled();
        for (boolean gzip : new boolean[] {false, true}) {
            EvidenceBatch batch = assertSameEvidence(export(rows, format, gzip));
            assertThat(batch.input().rows()).isEqualTo(rows.size());
            // The simulator writes malformed rows of every kind: all reasons are counted.
            assertThat(batch.input().skipped()).containsKeys("properties-not-json", "missing-device-id",
                    "error-without-code", "invalid-device-id", "other-category", "bad-timestamp");
            assertThat(batch.identities()).hasSizeGreaterThan(10);
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void resourceLogExportsGiveTheSameEvidenceAsTheQueryExports(ExportFormat format) throws IOException {
        FleetProfile profile = new FleetProfile(33, 40, 2, 6, 0.2, 0.1, 0.08, 0.2, 0.4, 0.05);
        List<SimRow> rows = new FleetSimulator(profile).generateShuffled();
        EvidenceBatch reference = current(export(rows, ExportFormat.AZ_CLI_JSON, false), "input");
        for (boolean gzip : new boolean[] {false, true}) {
            EvidenceBatch batch = current(export(rows, format, gzip), "input");
            assertThat(batch.input().rows()).isEqualTo(rows.size());
            assertThat(batch.input().used()).isEqualTo(reference.input().used());
            assertThat(batch.input().skipped()).isEqualTo(reference.input().skipped());
            assertThat(batch.input().incompleteBecause()).isNull();
            assertThat(batch.identities()).isEqualTo(reference.identities());
            assertThat(batch.hubs()).isEqualTo(reference.hubs());
            assertThat(batch.populations()).isEqualTo(reference.populations());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"PORTAL_CSV", "AZ_CLI_JSON", "QUERY_API_JSON"})
    void unusualPropertiesThatTakeTheJacksonFallback(ExportFormat format) throws IOException {
        String[] properties = {
            "{\"deviceId\":\"dev\\u002d1\",\"protocol\":\"Mqtt\"}",
            "{\"deviceId\":123,\"maskedIpAddress\":\"10.0.0.XXX\"}",
            "{\"deviceId\":\"d2\",\"authType\":{\"scope\":\"device\"},\"sdkVersion\":\"s/1\"}",
            "{\"deviceId\":\"d3\",\"deviceId\":\"\",\"moduleId\":null}",
            "{\"deviceId\":\"d4\"} trailing",
            "{\"deviceId\":\"d5\",}",
            "{\"deviceId\":\"d6\",\"n\":01}",
            "{\"deviceId\":\"qu\\\"ote\"}",
            "{\"deviceId\":\"d7\",\"moduleId\":\"m 1\"}",
            "[\"d8\"]",
            " {\"deviceId\" : \"d9\" , \"protocol\" : \"Amqp\" } ",
        };
        List<SimRow> rows = new ArrayList<>();
        long t = java.time.Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
        for (int i = 0; i < properties.length; i++) {
            for (String code : new String[] {"409002", null, "404104"}) {
                rows.add(new SimRow(t + i * 1000L, "hub-x", code == null ? "deviceConnect" : "deviceDisconnect",
                        code == null ? "Information" : "Error", code, null, properties[i], "Connections", null));
            }
        }
        EvidenceBatch batch = assertSameEvidence(export(rows, format, false));
        assertThat(batch.input().used()).isPositive();
        assertThat(batch.input().skipped()).isNotEmpty();
    }
}
