package io.linkguard.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.linkguard.evidence.ConnectionRowParser;
import io.linkguard.logs.LogFileReader;
import io.linkguard.logs.LogTimestamps;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hand-written readers of io.linkguard.logs against the libraries that could replace them, on the same
 * simulated export held in memory (JMH; run by {@link HandWrittenPieces}, figures in docs/benchmarks.md):
 * <ul>
 *   <li>portal CSV: LinkGuard's reader (9 selected columns, reader and caller on two threads) vs Jackson's CSV
 *       module reading every record as String[] (one thread; the library's fastest mode);</li>
 *   <li>az CLI JSON: LinkGuard's JSON reader vs Jackson databind reading each object into a Map;</li>
 *   <li>timestamps: LogTimestamps vs java.time (DateTimeFormatter for the portal's "M/d/yyyy, h:mm:ss.SSS a",
 *       Instant.parse for ISO 8601 with 7 fraction digits), per timestamp.</li>
 * </ul>
 * Every variant hands each value to a Blackhole; rows/s is ops/s times {@link Export#ROWS}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandWrittenPiecesBenchmark {
    private static final DateTimeFormatter PORTAL = DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss.SSS a", Locale.ENGLISH);

    /** One simulated fleet, in two export formats, in memory. */
    @State(Scope.Benchmark)
    public static class Export {
        /** Rows per export (identities and hours chosen for about this many). */
        static final int ROWS_TARGET = 100_000;
        long rows;
        byte[] csv;
        byte[] azJson;

        @Setup(Level.Trial)
        public void generate() throws IOException {
            FleetProfile profile = FleetProfile.sample(42).withIdentitiesPerHub(ROWS_TARGET / 139).withHours(24);
            csv = export(profile, ExportFormat.PORTAL_CSV);
            azJson = export(profile, ExportFormat.AZ_CLI_JSON);
        }

        private byte[] export(FleetProfile profile, ExportFormat format) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long[] count = {0};
            try (ExportWriter writer = new ExportWriter(format, bytes)) {
                new FleetSimulator(profile).generate(row -> {
                    count[0]++;
                    try {
                        writer.write(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            rows = count[0];
            return bytes.toByteArray();
        }
    }

    /** A day of timestamps in both notations. */
    @State(Scope.Benchmark)
    public static class Timestamps {
        static final int COUNT = 1000;
        final List<String> portal = new ArrayList<>();
        final List<String> iso = new ArrayList<>();

        @Setup(Level.Trial)
        public void make() {
            Instant start = Instant.parse("2026-11-20T00:00:00Z");
            DateTimeFormatter isoSeven = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'");
            for (int i = 0; i < COUNT; i++) {
                LocalDateTime t = LocalDateTime.ofInstant(start.plusMillis(i * 86_399L), ZoneOffset.UTC);
                portal.add(PORTAL.format(t));
                iso.add(isoSeven.format(t));
            }
        }
    }

    @Benchmark
    public void csvLinkGuard(Export export, Blackhole sink) throws IOException {
        LogFileReader.read(new ByteArrayInputStream(export.csv), ConnectionRowParser.COLUMNS,
                row -> sink.consume(row.get("properties_s")));
    }

    @Benchmark
    public void csvJackson(Export export, Blackhole sink) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (InputStream in = new ByteArrayInputStream(export.csv);
             MappingIterator<String[]> rows = mapper.readerFor(String[].class)
                     .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(in)) {
            while (rows.hasNext()) {
                sink.consume(rows.next());
            }
        }
    }

    @Benchmark
    public void azJsonLinkGuard(Export export, Blackhole sink) throws IOException {
        LogFileReader.read(new ByteArrayInputStream(export.azJson), ConnectionRowParser.COLUMNS,
                row -> sink.consume(row.get("properties_s")));
    }

    @Benchmark
    public void azJsonJacksonDatabind(Export export, Blackhole sink) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = new JsonFactory().createParser(export.azJson)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not an array");
            }
            parser.nextToken();
            try (MappingIterator<Map<String, Object>> rows = mapper.readerFor(HashMap.class).readValues(parser)) {
                while (rows.hasNext()) {
                    sink.consume(rows.next());
                }
            }
        }
    }

    @Benchmark
    public void portalTimestampLinkGuard(Timestamps t, Blackhole sink) {
        for (String s : t.portal) {
            sink.consume(LogTimestamps.parseMillis(s));
        }
    }

    @Benchmark
    public void portalTimestampJavaTime(Timestamps t, Blackhole sink) {
        for (String s : t.portal) {
            sink.consume(LocalDateTime.parse(s, PORTAL).toInstant(ZoneOffset.UTC).toEpochMilli());
        }
    }

    @Benchmark
    public void isoTimestampLinkGuard(Timestamps t, Blackhole sink) {
        for (String s : t.iso) {
            sink.consume(LogTimestamps.parseMillis(s));
        }
    }

    @Benchmark
    public void isoTimestampJavaTime(Timestamps t, Blackhole sink) {
        for (String s : t.iso) {
            sink.consume(Instant.parse(s).toEpochMilli());
        }
    }
}
