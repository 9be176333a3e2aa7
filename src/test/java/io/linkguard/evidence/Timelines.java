package io.linkguard.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds one identity's events second by second for tests: {@code at(10).drop().at(12).connect("A").conflict("A")}. */
public final class Timelines {
    public static final long T0 = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();

    private final Identity identity;
    private final List<ConnectionEvent> events = new ArrayList<>();
    private long now = T0;
    private String sdk = "sdk/1";

    public Timelines(Identity identity) {
        this.identity = identity;
    }

    public static Timelines of(String deviceId) {
        return new Timelines(new Identity("hub-a", deviceId, null));
    }

    public Timelines at(double seconds) {
        now = T0 + Math.round(seconds * 1000);
        return this;
    }

    public Timelines sdk(String version) {
        sdk = version;
        return this;
    }

    public Timelines connect(String ip) {
        return add(EventKind.CONNECT, null, ip, sdk);
    }

    public Timelines conflict(String ip) {
        return add(EventKind.CONFLICT, "409002", ip, null);
    }

    public Timelines drop() {
        return add(EventKind.DROP, "404104", "1.1.1.XXX", null);
    }

    public Timelines authExpired() {
        return add(EventKind.AUTH_EXPIRED, "401003", "1.1.1.XXX", null);
    }

    public Timelines platformFault() {
        return add(EventKind.PLATFORM_FAULT, "400029", "1.1.1.XXX", null);
    }

    public Timelines serverError() {
        return add(EventKind.SERVER_ERROR, "500001", "1.1.1.XXX", null);
    }

    private Timelines add(EventKind kind, String code, String ip, String sdkVersion) {
        events.add(new ConnectionEvent(identity, now, kind, code, ip, sdkVersion, "Mqtt"));
        return this;
    }

    public List<ConnectionEvent> events() {
        return events;
    }

    /** The observations the offline collector builds from these events. */
    public IdentityObservations observations() {
        ObservationCollector collector = new ObservationCollector(EvidenceSettings.DEFAULTS.timelineEvents());
        events.forEach(collector::add);
        List<IdentityObservations> all = collector.conflictingIdentities();
        if (all.isEmpty()) {
            throw new IllegalStateException("no conflict in this timeline");
        }
        return all.get(0);
    }

    public IdentityEvidence evidence(List<TimeWindow> fleetWindows) {
        return new EvidenceCalculator(EvidenceSettings.DEFAULTS).calculate(observations(), fleetWindows);
    }

    public IdentityEvidence evidence() {
        return evidence(List.of());
    }
}
