package io.linkguard.findings;

import io.linkguard.evidence.ConnectionEvent;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.InputSummary;
import io.linkguard.evidence.ObservationCollector;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A test fleet written as Connections events straight into the evidence layer (the simulator will gain cohort
 * behaviours of its own): healthy identities connect and disconnect, faulty ones re-open while connected (no drop
 * before their conflicts), transient ones conflict right after a 404104 or 5xx. With {@code plantedShare} > 0,
 * that share of the faulty identities runs {@link #BUGGY}, which only {@code buggyActiveShare} of the others run;
 * {@link #plantedFaulty} is the ground truth.
 */
final class CohortFleet {
    static final String BUGGY = "azure-iot-device/1.18.3(node v20.11.1; Ubuntu 22.04; x64)";
    private static final String[] SDKS = {"azure-iot-device/1.18.4(node v20.11.1; Ubuntu 22.04; x64)",
            "com.microsoft.azure.sdk.iot.iot-device-client/2.5.0 (17.0.9; Linux; amd64)",
            "Microsoft.Azure.Devices.Client/1.42.3 (.NET 6.0.25; Microsoft Windows 10.0.19045; X64)",
            "iothubclient/1.14.0 (native; Linux; x86_64)"};
    static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;

    final Set<Identity> plantedFaulty = new HashSet<>();
    private final ObservationCollector collector = new ObservationCollector(256);
    private final Random random;
    private long events;

    CohortFleet(long seed) {
        this.random = new Random(seed);
    }

    /** Adds one hub of {@code identities}, 3 % faulty and 4 % transient. */
    CohortFleet hub(String hub, int identities, double plantedShare, double buggyActiveShare) {
        for (int i = 0; i < identities; i++) {
            Identity id = new Identity(hub, String.format("dev-%06d", i), random.nextDouble() < 0.1 ? "mod-1" : null);
            double r = random.nextDouble();
            boolean faulty = r < 0.03;
            boolean planted = faulty && random.nextDouble() < plantedShare;
            String sdk = planted || !faulty && random.nextDouble() < buggyActiveShare ? BUGGY
                    : plantedShare == 0 && random.nextDouble() < buggyActiveShare ? BUGGY : SDKS[random.nextInt(SDKS.length)];
            String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + ".XXX";
            String protocol = random.nextDouble() < 0.7 ? "Mqtt" : "Amqp";
            long start = T0 + (long) (random.nextDouble() * HOUR);
            if (planted) {
                plantedFaulty.add(id);
            }
            if (faulty) {
                faulty(id, start, sdk, ip, protocol);
            } else if (r < 0.07) {
                transientIdentity(id, start, sdk, ip, protocol);
            } else {
                add(id, start, EventKind.CONNECT, null, ip, sdk, protocol);
                add(id, start + 6 * HOUR, EventKind.DISCONNECT, null, ip, null, protocol);
            }
        }
        return this;
    }

    private void faulty(Identity id, long start, String sdk, String ip, String protocol) {
        add(id, start, EventKind.CONNECT, null, ip, sdk, protocol);
        for (int c = 1; c <= 8; c++) {
            long t = start + c * 20 * 60_000L + random.nextInt(60_000);
            add(id, t, EventKind.CONFLICT, "409002", ip, null, protocol);
            add(id, t + 200, EventKind.CONNECT, null, ip, sdk, protocol);
        }
    }

    private void transientIdentity(Identity id, long start, String sdk, String ip, String protocol) {
        add(id, start, EventKind.CONNECT, null, ip, sdk, protocol);
        for (int d = 1; d <= 2; d++) {
            long t = start + d * 2 * HOUR + random.nextInt(600_000);
            boolean serverError = random.nextDouble() < 0.1;
            add(id, t, serverError ? EventKind.SERVER_ERROR : EventKind.DROP, serverError ? "500001" : "404104", ip, null, protocol);
            add(id, t + 3_000, EventKind.CONNECT, null, ip, sdk, protocol);
            add(id, t + 4_000, EventKind.CONFLICT, "409002", ip, null, protocol);
            add(id, t + 5_000, EventKind.CONNECT, null, ip, sdk, protocol);
        }
    }

    private void add(Identity id, long t, EventKind kind, String code, String ip, String sdk, String protocol) {
        events++;
        collector.add(new ConnectionEvent(id, t, kind, code, ip, sdk, protocol));
    }

    EvidenceBatch batch() {
        InputSummary input = new InputSummary("cohort fleet", events, events, Map.of(), List.of(), null);
        return new EvidenceBatch(input, collector.conflictingIdentities(), collector.hubActivity(300_000, 60_000),
                collector.hubPopulations());
    }
}
