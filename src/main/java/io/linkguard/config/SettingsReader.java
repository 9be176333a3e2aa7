package io.linkguard.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** A free-text setting; blank counts as absent. */
    public String text(String name, String defaultValue) {
        String raw = raw(name);
        return raw == null ? defaultValue : raw;
    }

    /** A setting without which the feature cannot start: reported by name with what is expected. */
    public String required(String name, String expected) {
        String raw = raw(name);
        if (raw == null) {
            problems.add(name + ": missing; expected " + expected);
            return "";
        }
        return raw;
    }

    /** An optional setting: present or not, never defaulted silently. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(raw(name));
    }

    /** One of a fixed set of lower-case labels, e.g. a mode. */
    public String choice(String name, String defaultValue, Set<String> allowed) {
        String raw = raw(name);
        if (raw == null) {
            return defaultValue;
        }
        String v = raw.toLowerCase(Locale.ROOT);
        if (allowed.contains(v)) {
            return v;
        }
        problems.add(name + ": expected one of " + String.join(", ", new TreeSet<>(allowed)) + ", got '" + raw + "'");
        return defaultValue;
    }

    /** A whole number of seconds (or minutes etc.) given in the setting's own unit, as a Duration. */
    public Duration seconds(String name, Duration defaultValue, Duration min, Duration max) {
        int v = integer(name, (int) defaultValue.toSeconds(), (int) min.toSeconds(), (int) max.toSeconds());
        return Duration.ofSeconds(v);
    }

    /** An https URL (secrets and tickets never travel over plain http). */
    public Optional<URI> httpsUrl(String name) {
        String raw = raw(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        problems.add(name + ": expected an https:// URL (value not shown: URLs can carry secrets)");
        return Optional.empty();
    }

    /** Records a problem found by a caller's own cross-setting check. */
    public void problem(String name, String message) {
        problems.add(name + ": " + message);
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
