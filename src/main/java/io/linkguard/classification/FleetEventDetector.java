package io.linkguard.classification;

import io.linkguard.evidence.HubActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds hub-wide drop events in per-hub bin statistics. */
public final class FleetEventDetector {
    private final Thresholds thresholds;

    public FleetEventDetector(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public List<FleetEvent> detect(List<HubActivity> hubs) {
        List<FleetEvent> events = new ArrayList<>();
        for (HubActivity hub : hubs) {
            events.addAll(detect(hub));
        }
        return events;
    }

    List<FleetEvent> detect(HubActivity hub) {
        long totalDropping = 0;
        for (HubActivity.Bin bin : hub.bins().values()) {
            totalDropping += bin.droppingIdentities();
        }
        double baseline = (double) totalDropping / hub.spanBins();
        List<FleetEvent> events = new ArrayList<>();
        long bin = hub.binMillis();
        Long start = null;
        long end = 0;
        String trigger = null;
        int peakDropping = 0;
        int peakPlatform = 0;
        for (Map.Entry<Long, HubActivity.Bin> entry : hub.bins().entrySet()) {
            HubActivity.Bin b = entry.getValue();
            String why = triggerOf(b, baseline);
            if (why == null) {
                continue;
            }
            long at = entry.getKey();
            if (start != null && at - end > bin) {
                events.add(event(hub.hub(), start, end, trigger, peakDropping, peakPlatform, baseline));
                start = null;
            }
            if (start == null) {
                start = at;
                trigger = why;
                peakDropping = 0;
                peakPlatform = 0;
            } else if (why.equals("platform-codes")) {
                trigger = why;
            }
            end = at;
            peakDropping = Math.max(peakDropping, b.droppingIdentities());
            peakPlatform = Math.max(peakPlatform, b.platformIdentities());
        }
        if (start != null) {
            events.add(event(hub.hub(), start, end, trigger, peakDropping, peakPlatform, baseline));
        }
        return events;
    }

    private String triggerOf(HubActivity.Bin b, double baseline) {
        if (b.platformIdentities() >= thresholds.fleetMinIdentities()) {
            return "platform-codes";
        }
        if (b.droppingIdentities() >= thresholds.fleetMinIdentities()
                && b.droppingIdentities() >= thresholds.fleetSpikeFactor() * baseline) {
            return "mass-drop";
        }
        return null;
    }

    private FleetEvent event(String hub, long firstBin, long lastBin, String trigger, int peakDropping,
                             int peakPlatform, double baseline) {
        long to = lastBin + thresholds.fleetBin().toMillis() + thresholds.fleetGrace().toMillis();
        return new FleetEvent(hub, Instant.ofEpochMilli(firstBin), Instant.ofEpochMilli(to), trigger,
                peakDropping, peakPlatform, Math.round(baseline * 100) / 100.0);
    }
}
