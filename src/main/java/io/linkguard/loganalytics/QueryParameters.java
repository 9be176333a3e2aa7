package io.linkguard.loganalytics;

import io.linkguard.config.AnalysisSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one evidence query covers. {@code lookback} bounds TimeGenerated (context for the classifier);
 * {@code ingestedSince} selects identities whose conflicts arrived since the last run (minus an overlap
 * for late data); {@code devices} narrows a targeted evaluation; empty lists mean "all".
 */
public record QueryParameters(Duration lookback, Instant ingestedSince, List<String> hubs, List<String> devices,
                              Duration bin, Duration renewalWindow, int timelineEvents) {

    /** A query window with the fleet bin, renewal window and timeline size the analysis itself uses. */
    public static QueryParameters of(AnalysisSettings settings, Duration lookback, Instant ingestedSince,
                                     List<String> hubs, List<String> devices) {
        return new QueryParameters(lookback, ingestedSince, hubs, devices, settings.thresholds().fleetBin(),
                settings.evidence().renewalWindow(), settings.evidence().timelineEvents());
    }

    /** The same window over every device: fleet activity is a hub-wide measure, also for a targeted evaluation. */
    public QueryParameters allDevices() {
        return devices.isEmpty() ? this : new QueryParameters(lookback, ingestedSince, hubs, List.of(), bin, renewalWindow,
                timelineEvents);
    }
}
