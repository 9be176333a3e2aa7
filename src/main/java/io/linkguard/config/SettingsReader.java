package io.linkguard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of app settings (environment variables in Azure, local.settings.json "Values" locally)
 * that collect every problem instead of stopping at the first, so start-up reports them all at once.
 */
public final class SettingsReader {
    public static final String PREFIX = "LINKGUARD_";

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Map<String, String> values) {
        this.values = values;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + ": expected a whole number from " + min + " to " + max + ", got '" + raw + "'");
        return defaultValue;
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + ": expected a number from " + min + " to " + max + ", got '" + raw + "'");
        return defaultValue;
    }

    public boolean bool(String name, boolean defaultValue) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.add(name + ": expected true or false, got '" + raw + "'");
                return defaultValue;
        }
    }

    /** Flags LINKGUARD_ settings that no part of LinkGuard reads: almost always a typo. */
    public void rejectUnknown(Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(PREFIX) && !known.contains(key)) {
                unknown.add(key);
            }
        }
        for (String key : unknown) {
            problems.add(key + ": not a LinkGuard setting (known: " + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }

    /** Throws one exception listing every problem found so far. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    private String raw(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
