package io.linkguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "--name value", "--name=value" and "--flag" arguments, checked against what a command accepts; "--help" or
 * "-h" where an option may stand asks for the command's usage ({@link HelpRequested}).
 *
 * <p>Hand-written rather than picocli: this is the whole of what the four commands need, and picocli would be a
 * dependency of the one artifact the Functions app ships too (it never parses a command line). In a fresh JVM,
 * parsing one {@code plan} command line with picocli 4.7.7 loaded 631 more classes (312 of them not in the JDK's
 * CDS archive) and took 0.57 s of CPU against 0.18 s for a plain loop, on every start (docs/benchmarks.md,
 * "Hand-written pieces").
 */
final class Arguments {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    static Arguments parse(List<String> args, Set<String> options, Set<String> flags) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (options.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    String get(String name, String defaultValue) {
        String v = get(name);
        return v == null ? defaultValue : v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String required(String name) {
        String v = get(name);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    /** The option's value, which must be {@code first} (the default) or {@code other}. */
    String choice(String name, String first, String other) {
        String v = get(name, first);
        if (!v.equals(first) && !v.equals(other)) {
            throw new UsageException("--" + name + " must be " + first + " or " + other + ", got '" + v + "'");
        }
        return v;
    }

    int integer(String name, int defaultValue) {
        String v = get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a whole number, got '" + v + "'");
        }
    }

    /** The command's usage was asked for: print it to standard output and exit 0. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help requested", null, false, false);
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
