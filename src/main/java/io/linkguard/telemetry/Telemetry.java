package io.linkguard.telemetry;

import java.util.Map;

/**
 * Custom metrics, one value per call with its dimensions. In Azure: Application Insights customMetrics
 * ({@link ApplicationInsightsTelemetry}); tests record them (RecordingTelemetry).
 */
public interface Telemetry {

    void metric(String name, double value, Map<String, String> dimensions);
}
