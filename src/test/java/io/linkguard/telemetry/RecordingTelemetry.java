package io.linkguard.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps every metric in memory, in order. */
public final class RecordingTelemetry implements Telemetry {

    public record Metric(String name, double value, Map<String, String> dimensions) {
    }

    private final List<Metric> metrics = new ArrayList<>();

    @Override
    public synchronized void metric(String name, double value, Map<String, String> dimensions) {
        metrics.add(new Metric(name, value, Map.copyOf(dimensions)));
    }

    public synchronized List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** The sum of a metric's values over the points whose dimensions include {@code dimensions}. */
    public synchronized double sum(String name, Map<String, String> dimensions) {
        return metrics.stream().filter(m -> m.name().equals(name))
                .filter(m -> m.dimensions().entrySet().containsAll(dimensions.entrySet()))
                .mapToDouble(Metric::value).sum();
    }
}
