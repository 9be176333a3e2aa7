package io.linkguard.telemetry;

import com.microsoft.applicationinsights.TelemetryClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Metrics through the Application Insights classic API ({@code applicationinsights-core}, 62 KB, no
 * dependencies). The API does nothing by itself: the Application Insights Java agent that the Functions
 * host attaches to the Java worker (app setting {@code APPLICATIONINSIGHTS_ENABLE_AGENT=true}, or the
 * "Recommended" collection level) sends each {@code trackMetric} as a row of {@code customMetrics} with the
 * dimensions as {@code customDimensions}. Without the agent the calls are no-ops and the run summary log
 * line remains the record.
 */
public final class ApplicationInsightsTelemetry implements Telemetry {
    private volatile TelemetryClient client;

    @Override
    public void metric(String name, double value, Map<String, String> dimensions) {
        client().trackMetric(name, value, null, null, null, null, new HashMap<>(dimensions));
    }

    private TelemetryClient client() {
        TelemetryClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = new TelemetryClient();
                }
                c = client;
            }
        }
        return c;
    }
}
