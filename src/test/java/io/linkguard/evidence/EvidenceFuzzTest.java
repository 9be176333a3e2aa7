package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import io.linkguard.simulator.SimRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A seeded mutation fuzz of the whole offline evidence path, every format, plain and gzip: truncation at any
 * byte, flipped bytes, appended documents and odd timestamps. No exception escapes; every row found is either
 * used or skipped by a named reason ({@code rows = used + sum(skipped)}); and an input that lost rows says so
 * ({@code incompleteBecause}) unless the loss cannot be seen in the bytes (a plain line-per-row file cut exactly at
 * a line break reads as a shorter, whole file; then no row it holds is lost). The seed is printed by each failure.
 */
class EvidenceFuzzTest {
    private static final AnalysisSettings SETTINGS = AnalysisSettings.DEFAULTS;
    private static final int CASES = 40;
    /** Formats with one row per line, whose cut at a line break leaves a well-formed shorter file. */
    private static final Set<ExportFormat> LINE_FORMATS = EnumSet.of(ExportFormat.PORTAL_CSV,
            ExportFormat.STORAGE_ARCHIVE_JSON);

    private static final List<SimRow> ROWS = new FleetSimulator(
            new FleetProfile(77, 25, 2, 2, 0.2, 0.1, 0.08, 0.2, 0.4, 0.05)).generateShuffled();

    static EvidenceBatch read(byte[] data) {
        try {
            return new ExportedLogsSource(SETTINGS.evidence(), SETTINGS.thresholds().fleetBin())
                    .read(new ByteArrayInputStream(data), "fuzz");
        } catch (IOException e) {
            throw new AssertionError("an in-memory read must not fail with an I/O error", e);
        }
    }

    static void assertAccounted(EvidenceBatch batch, String what) {
        InputSummary in = batch.input();
        long skipped = in.skipped().values().stream().mapToLong(Long::longValue).sum();
        assertThat(in.used() + skipped).as("%s: rows = used + skipped (%s)", what, in).isEqualTo(in.rows());
    }

    private static boolean endsAtLineBreak(byte[] data, int cut) {
        return cut > 0 && (data[cut - 1] == '\n' || data[cut - 1] == '\r');
    }

    private static long lineBreaks(byte[] data, int cut) {
        long n = 0;
        for (int i = 0; i < cut; i++) {
            if (data[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void truncationAnywhereNeverLosesRowsSilently(ExportFormat format) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            byte[] whole = ExportedLogsEquivalenceTest.export(ROWS, format, gzip);
            Random rnd = new Random(format.ordinal() * 31L + (gzip ? 1 : 0));
            for (int c = 0; c < CASES; c++) {
                int cut = c == 0 ? whole.length - 1 : rnd.nextInt(whole.length);
                String what = format + (gzip ? ".gz" : "") + " cut at " + cut + "/" + whole.length;
                EvidenceBatch[] batch = new EvidenceBatch[1];
                assertThatCode(() -> batch[0] = read(Arrays.copyOf(whole, cut))).as(what).doesNotThrowAnyException();
                assertAccounted(batch[0], what);
                if (batch[0].input().rows() < ROWS.size() && batch[0].input().incompleteBecause() == null) {
                    assertThat(!gzip && LINE_FORMATS.contains(format) && endsAtLineBreak(whole, cut))
                            .as("%s lost rows without saying so: %s", what, batch[0].input()).isTrue();
                    long header = format == ExportFormat.PORTAL_CSV ? 1 : 0;
                    assertThat(batch[0].input().rows()).as(what).isEqualTo(lineBreaks(whole, cut) - header);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void flippedBytesAreSkippedOrReportedNeverThrown(ExportFormat format) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            byte[] whole = ExportedLogsEquivalenceTest.export(ROWS, format, gzip);
            Random rnd = new Random(1000 + format.ordinal() * 31L + (gzip ? 1 : 0));
            for (int c = 0; c < CASES; c++) {
                byte[] data = whole.clone();
                int flips = 1 + rnd.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    data[rnd.nextInt(data.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                String what = format + (gzip ? ".gz" : "") + " case " + c;
                EvidenceBatch[] batch = new EvidenceBatch[1];
                assertThatCode(() -> batch[0] = read(data)).as(what).doesNotThrowAnyException();
                assertAccounted(batch[0], what);
                if (gzip) { // the CRC-32 of every member is checked: corruption cannot pass unnoticed
                    assertThat(batch[0].input().incompleteBecause() != null || batch[0].input().rows() == ROWS.size())
                            .as("%s: %s", what, batch[0].input()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"AZ_CLI_JSON", "QUERY_API_JSON", "STORAGE_ARCHIVE_JSON", "EVENT_HUBS_JSON"})
    void appendedDocumentsAreAllRead(ExportFormat format) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            byte[] one = ExportedLogsEquivalenceTest.export(ROWS, format, gzip);
            byte[] two = Arrays.copyOf(one, one.length * 2);
            System.arraycopy(one, 0, two, one.length, one.length);
            EvidenceBatch single = read(one);
            EvidenceBatch batch = read(two);
            assertAccounted(batch, format + " twice");
            assertThat(batch.input().rows()).isEqualTo(2L * ROWS.size());
            assertThat(batch.input().used()).isEqualTo(2 * single.input().used());
            assertThat(batch.input().incompleteBecause()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void oddTimestampsAreSkippedAndCountedEveryOne(ExportFormat format) throws IOException {
        String[] odd = {"+999999999-01-01T00:00:00", "+999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-20T25:00:00Z",
            "20261120T080000Z", "", "NaN", "2026-11-20T08:00:00.Z", "-2026-11-20T08:00:00Z", "13/45/2026, 1:00:00 PM"};
        Random rnd = new Random(2000 + format.ordinal());
        List<SimRow> rows = new ArrayList<>(ROWS.size());
        int replaced = 0;
        for (SimRow r : ROWS) {
            if (rnd.nextInt(10) == 0 && "Connections".equals(r.category())) {
                String t = odd[replaced++ % odd.length];
                rows.add(new SimRow(r.timeMillis(), r.hub(), r.operation(), r.level(), r.resultType(),
                        r.resultDescription(), r.propertiesJson(), r.category(), t));
            } else {
                rows.add(r);
            }
        }
        for (boolean gzip : new boolean[] {false, true}) {
            EvidenceBatch clean = read(ExportedLogsEquivalenceTest.export(ROWS, format, gzip));
            EvidenceBatch batch = read(ExportedLogsEquivalenceTest.export(rows, format, gzip));
            assertAccounted(batch, format + " odd timestamps");
            long timeSkips = batch.input().skipped().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("timestamp")).mapToLong(e -> e.getValue()).sum();
            long cleanTimeSkips = clean.input().skipped().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("timestamp")).mapToLong(e -> e.getValue()).sum();
            assertThat(batch.input().rows()).isEqualTo(ROWS.size());
            assertThat(timeSkips - cleanTimeSkips).as("%s: %s", format, batch.input().skipped())
                    .isLessThanOrEqualTo(replaced).isGreaterThanOrEqualTo(replaced - countMalformedAmong(rows, odd));
        }
    }

    /** Replaced rows that the simulator had already made unusable for another reason (skipped before the time). */
    private static int countMalformedAmong(List<SimRow> rows, String[] odd) {
        Set<String> oddSet = Set.of(odd);
        return (int) rows.stream().filter(r -> r.timeText() != null && oddSet.contains(r.timeText()))
                .filter(r -> r.propertiesJson() == null || !r.propertiesJson().startsWith("{\"deviceId\"")).count();
    }
}
