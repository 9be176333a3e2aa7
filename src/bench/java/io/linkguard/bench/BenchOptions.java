package io.linkguard.bench;

import io.linkguard.simulator.ExportFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --name value} options of {@link PlanBenchmark}. */
record BenchOptions(int identities, int hubs, int hours, ExportFormat format, boolean gzip, int repeat,
                    int classifyIdentities, boolean quick, Path dir, long seed) {

    static final String USAGE = String.join("\n",
            "usage: PlanBenchmark [--identities N] [--hubs N] [--hours H] [--format csv|az-json|query-json|archive-json|eventhubs-json]",
            "                     [--gzip] [--repeat N] [--classify-identities N] [--seed S] [--quick] [--dir DIR]",
            "  --identities N           identities per hub for the throughput and heap files (default 1000; quick 60)",
            "  --hubs N                 hubs in the fleet (default 2)",
            "  --hours H                hours of logs in the base file; the heap check uses 1x, 2x, 4x (default 24; quick 3)",
            "  --format F               export format: csv (portal CSV, default), az-json, query-json, archive-json, eventhubs-json",
            "  --gzip                   gzip the generated files",
            "  --repeat N               timed repetitions after one warm-up; the median is reported (default 5; quick 1)",
            "  --classify-identities N  identities per hub for the classification-only figure (default 20000; quick 300)",
            "  --seed S                 simulator seed (default 42)",
            "  --quick                  small sizes: a smoke run of a few seconds",
            "  --dir DIR                write the generated files to DIR and keep them (default: a temp dir, deleted)");

    static BenchOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        int identities = quick ? 60 : 1000;
        int hubs = 2;
        int hours = quick ? 3 : 24;
        ExportFormat format = ExportFormat.PORTAL_CSV;
        boolean gzip = false;
        int repeat = quick ? 1 : 5;
        int classify = quick ? 300 : 20_000;
        Path dir = null;
        long seed = 42;
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String name = rest.get(i);
            switch (name) {
                case "--quick" -> {
                }
                case "--gzip" -> gzip = true;
                case "--identities" -> identities = positive(name, value(rest, ++i, name));
                case "--hubs" -> hubs = Math.min(26, positive(name, value(rest, ++i, name)));
                case "--hours" -> hours = positive(name, value(rest, ++i, name));
                case "--repeat" -> repeat = positive(name, value(rest, ++i, name));
                case "--classify-identities" -> classify = positive(name, value(rest, ++i, name));
                case "--seed" -> seed = Long.parseLong(value(rest, ++i, name));
                case "--dir" -> dir = Path.of(value(rest, ++i, name));
                case "--format" -> format = format(value(rest, ++i, name));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'\n" + USAGE);
            }
        }
        return new BenchOptions(identities, hubs, hours, format, gzip, repeat, classify, quick, dir, seed);
    }

    static String label(ExportFormat format) {
        return switch (format) {
            case PORTAL_CSV -> "csv";
            case AZ_CLI_JSON -> "az-json";
            case QUERY_API_JSON -> "query-json";
            case STORAGE_ARCHIVE_JSON -> "archive-json";
            case EVENT_HUBS_JSON -> "eventhubs-json";
        };
    }

    private static ExportFormat format(String value) {
        return switch (value) {
            case "csv" -> ExportFormat.PORTAL_CSV;
            case "az-json" -> ExportFormat.AZ_CLI_JSON;
            case "query-json" -> ExportFormat.QUERY_API_JSON;
            case "archive-json" -> ExportFormat.STORAGE_ARCHIVE_JSON;
            case "eventhubs-json" -> ExportFormat.EVENT_HUBS_JSON;
            default -> throw new IllegalArgumentException("--format must be csv, az-json, query-json, archive-json or"
                    + " eventhubs-json, got '" + value + "'");
        };
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return args.get(i);
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
    }
}
