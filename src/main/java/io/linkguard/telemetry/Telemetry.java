package io.linkguard.telemetry;

import java.util.Map;

/**
 * Custom metrics, one value per call with its dimensions. In Azure: Application Insights customMetrics
 * ({@link ApplicationInsightsTelemetry}); in tests and benchmarks: {@link RecordingTelemetry}.
 */
public interface Telemetry {

    void metric(String name, double value, Map<String, String> dimensions);

    /** Telemetry that goes nowhere. */
    Telemetry NONE = (name, value, dimensions) -> { };
}
