package io.linkguard.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Generates the Connections logs of a simulated fleet, with the ground-truth class of every identity
 * that has a conflict. Behaviours (see docs/simulator.md):
 * <ul>
 *   <li>every identity: connects; MQTT identities renew their SAS token hourly (401003, 404104, connect), in step
 *       across the fleet; background drops (404104, 5xx) at the profile's per-device rates, a share of them
 *       followed by a conflict; identities on carrier networks get a new egress address when they re-attach
 *       after a drop;</li>
 *   <li>transient: 1-4 drops (404104 or 5xx), each followed within seconds by a reconnect whose
 *       conflict (409002 on AMQP, 400027 on MQTT) closes the stale link; sometimes one stray conflict;</li>
 *   <li>faulty-reconnect: either re-opens while connected (8-60 conflicts, no drop before them) or
 *       re-creates its client while the SDK retries (3-6 conflicts after each of 2-4 drops);</li>
 *   <li>shared-identity: 2-3 clients (different masked addresses, or one address and different SDKs)
 *       taking the connection from each other in bursts;</li>
 *   <li>platform-event: one or two upgrades (400029) or outages (500008) each close a share of the first hub's
 *       identities within 3 minutes; they reconnect, some with a conflict or two. Conflicts during an event are
 *       the event's in the ground truth, whatever their cause;</li>
 *   <li>malformed rows of every skip reason, rows of another category, valid ids with odd characters;</li>
 *   <li>with a {@link FleetProfile.SdkCohort}: a share of every hub's identities runs one buggy SDK version and
 *       most of them are faulty-reconnect because of it ({@link #cohortTruth}).</li>
 * </ul>
 */
public final class FleetSimulator {
    static final long START = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** An event's drops spread over 3 minutes; reconnects take up to 90 s, a second conflict up to 60 s more. */
    private static final long EVENT_SPREAD = 3 * MINUTE;
    private static final long EVENT_TRUTH_SPAN = EVENT_SPREAD + 150 * SECOND + 10 * MINUTE;
    private static final String[] SDKS = {"azure-iot-device-client/2.5.0", "azure-iot-device-client/2.6.1",
            "iothubclient/1.14.0 (native; Linux; x86_64)", "Microsoft.Azure.Devices.Client/1.42.3",
            "azure-iot-device/1.18.3 (node v20)"};
    private static final String[] ODD_IDS = {"dev'o(7)", "sensor:42=ok@lab$1", "pump!*?.%_x", "a,b(c)"};
    private static final double REATTACH_NEW_ADDRESS = 0.7;
    private static final int CARRIER_POOL = 4;

    private final FleetProfile profile;
    private final SplittableRandom random;
    private final Map<Identity, Classification> truth = new LinkedHashMap<>();
    private final Map<Identity, String> cohortTruth = new LinkedHashMap<>();
    private final List<PlatformEvent> events;
    private final long end;
    private final long episodesFrom;
    private final long episodesTo;
    private final boolean avoidEvents;
    private long rowsWritten;

    public FleetSimulator(FleetProfile profile) {
        this.profile = profile;
        this.random = new SplittableRandom(profile.seed());
        this.end = START + profile.hours() * HOUR;
        this.events = planEvents();
        long margin = Math.min(15 * MINUTE, (end - START) / 12);
        this.episodesFrom = START + margin;
        this.episodesTo = end - margin;
        this.avoidEvents = eventsLeaveHalfTheWindow();
    }

    /** A platform event on the first hub: from {@code start}, {@code share} of its identities closed with {@code code}. */
    record PlatformEvent(long start, String code, double share) {
        boolean explains(long conflictTime) {
            return conflictTime >= start && conflictTime < start + EVENT_TRUTH_SPAN;
        }

        boolean near(long t) {
            return t > start - 5 * MINUTE && t < start + EVENT_TRUTH_SPAN + 5 * MINUTE;
        }
    }

    private List<PlatformEvent> planEvents() {
        if (profile.platformEventShare() <= 0) {
            return List.of();
        }
        int n = random.nextDouble() < 0.5 && profile.hours() >= 2 ? 2 : 1;
        long span = end - START;
        List<PlatformEvent> planned = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long center = START + span * (k + 1) / (n + 1);
            long start = center + random.nextLong(-span / (4L * (n + 1)), span / (4L * (n + 1)) + 1);
            double share = k == 0 ? profile.platformEventShare() : profile.platformEventShare() * (0.4 + 0.6 * random.nextDouble());
            planned.add(new PlatformEvent(start, random.nextDouble() < 0.7 ? "400029" : "500008", share));
        }
        return List.copyOf(planned);
    }

    /** The platform events of this fleet (all on the first hub). */
    public List<PlatformEvent> platformEvents() {
        return events;
    }

    /** Ground truth: the class of every identity that has at least one conflict. */
    public Map<Identity, Classification> truth() {
        return truth;
    }

    /**
     * Ground truth of the planted SDK cohort: every identity the buggy SDK made faulty-reconnect, with that SDK's
     * sdkVersion. Empty when the profile plants none.
     */
    public Map<Identity, String> cohortTruth() {
        return cohortTruth;
    }

    /** Streams every row to {@code sink}, identity by identity (not in time order). */
    public void generate(Consumer<SimRow> sink) {
        Consumer<SimRow> counting = row -> {
            rowsWritten++;
            sink.accept(row);
        };
        for (int h = 0; h < profile.hubs(); h++) {
            String hub = "hub-" + (char) ('a' + h) + "-" + (profile.seed() % 1000);
            for (int i = 0; i < profile.identitiesPerHub(); i++) {
                simulateIdentity(h == 0, identityFor(hub, i), counting);
            }
        }
        long malformed = Math.round(rowsWritten * profile.malformedShare());
        for (long i = 0; i < malformed; i++) {
            counting.accept(malformedRow("hub-a-" + (profile.seed() % 1000), (int) i));
        }
    }

    /** All rows, sorted by time with a few minutes of jitter, as logs arrive late and out of order. */
    public List<SimRow> generateShuffled() {
        List<SimRow> rows = new ArrayList<>();
        generate(rows::add);
        List<long[]> keys = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            keys.add(new long[] {rows.get(i).timeMillis() + random.nextLong(4 * MINUTE), i});
        }
        keys.sort((a, b) -> Long.compare(a[0], b[0]));
        List<SimRow> shuffled = new ArrayList<>(rows.size());
        for (long[] k : keys) {
            shuffled.add(rows.get((int) k[1]));
        }
        return shuffled;
    }

    private Identity identityFor(String hub, int i) {
        String device = i < ODD_IDS.length && profile.identitiesPerHub() > 20 ? ODD_IDS[i] + "-" + i
                : String.format("%s-dev-%05d", hub.substring(4, 5), i);
        String module = random.nextDouble() < profile.moduleShare() ? "module-" + random.nextInt(4) : null;
        return new Identity(hub, device, module);
    }

    private void simulateIdentity(boolean platformHub, Identity id, Consumer<SimRow> out) {
        FleetProfile.SdkCohort cohort = profile.cohort();
        // Drawn only when a cohort is planted, so fleets without one stay exactly as they were for every seed.
        boolean buggy = cohort.planted() && random.nextDouble() < cohort.activeShare();
        double roll = random.nextDouble();
        Classification base = roll < profile.transientShare() ? Classification.TRANSIENT
                : roll < profile.transientShare() + profile.faultyShare() ? Classification.FAULTY_RECONNECT
                : roll < profile.transientShare() + profile.faultyShare() + profile.sharedShare()
                ? Classification.SHARED_IDENTITY : null;
        Client client = newClient();
        if (buggy) {
            client = new Client(client.ip, cohort.sdkVersion(), client.protocol);
            boolean bitten = random.nextDouble() < cohort.faultyShare();
            // a buggy-SDK device is faulty because of the bug or not at all: the cohort's truth is exact
            base = bitten ? Classification.FAULTY_RECONNECT : base == Classification.FAULTY_RECONNECT ? null : base;
            if (bitten) {
                cohortTruth.put(id, cohort.sdkVersion());
            }
        }
        Device d = new Device(id, client, random.nextDouble() < profile.background().carrierShare(), out);
        List<Episode> episodes = new ArrayList<>();
        if (d.mqtt() && base != Classification.SHARED_IDENTITY) {
            for (long t = START + HOUR + random.nextLong(-5 * MINUTE, 5 * MINUTE); t < end; t += HOUR) {
                episodes.add(new Episode(t, this::renewal));
            }
        }
        backgroundDrops(episodes);
        if (base == Classification.TRANSIENT) {
            transientEpisodes(episodes);
        } else if (base == Classification.FAULTY_RECONNECT) {
            faulty(episodes);
        } else if (base == Classification.SHARED_IDENTITY) {
            episodes.addAll(shared(d));
        }
        if (platformHub) {
            for (PlatformEvent event : events) {
                if (random.nextDouble() < event.share()) {
                    long t = event.start() + random.nextLong(EVENT_SPREAD);
                    episodes.add(new Episode(t, (dev, at) -> platformDrop(dev, at, event.code())));
                }
            }
        }
        episodes.sort((a, b) -> Long.compare(a.time(), b.time()));
        d.connect(START + random.nextLong(10 * MINUTE), d.client);
        for (Episode e : episodes) {
            e.play().accept(d, e.time());
        }
        label(id, base, d.conflictTimes, platformHub ? events : List.of());
    }

    private void label(Identity id, Classification base, List<Long> conflictTimes, List<PlatformEvent> hubEvents) {
        if (base == Classification.FAULTY_RECONNECT || base == Classification.SHARED_IDENTITY) {
            truth.put(id, base);
            return;
        }
        int inEvents = 0;
        for (long t : conflictTimes) {
            if (hubEvents.stream().anyMatch(e -> e.explains(t))) {
                inEvents++;
            }
        }
        int own = conflictTimes.size() - inEvents;
        if (inEvents > 0 && inEvents >= own) {
            truth.put(id, Classification.PLATFORM_EVENT);
        } else if (own > 0) {
            truth.put(id, Classification.TRANSIENT);
        }
    }

    /** One thing that happens to an identity at a time; played in time order so addresses follow connections. */
    private record Episode(long time, BiConsumer<Device, Long> play) {
    }

    private void renewal(Device d, long t) {
        d.disconnect(t, "401003", "IoTHubUnauthorized");
        long drop = t + random.nextLong(SECOND, 20 * SECOND);
        d.disconnect(drop, "404104", "DeviceConnectionClosedRemotely");
        d.connect(drop + random.nextLong(SECOND, 5 * SECOND), d.client);
    }

    private void backgroundDrops(List<Episode> episodes) {
        FleetProfile.Background b = profile.background();
        double rate = b.lossPerHour() + b.serverErrorsPerHour();
        if (rate <= 0) {
            return;
        }
        double serverShare = b.serverErrorsPerHour() / rate;
        for (long t = START + nextGap(rate); t < end; t += nextGap(rate)) {
            boolean server = random.nextDouble() < serverShare;
            boolean conflict = random.nextDouble() < b.conflictAfterDrop();
            episodes.add(new Episode(t, (d, at) -> dropAndRecover(d, at, server ? "500001" : "404104", conflict)));
        }
    }

    private long nextGap(double perHour) {
        return Math.max(SECOND, (long) (-Math.log(1 - random.nextDouble()) / perHour * HOUR));
    }

    private void dropAndRecover(Device d, long t, String code, boolean conflict) {
        d.disconnect(t, code, code.equals("404104") ? "DeviceConnectionClosedRemotely" : "ServerError");
        d.reconnect(t + random.nextLong(500, 20 * SECOND), d.afterReattach(), conflict);
    }

    private void transientEpisodes(List<Episode> episodes) {
        int count = 1 + random.nextInt(4);
        for (int e = 0; e < count; e++) {
            boolean server = random.nextDouble() < 0.3;
            boolean second = random.nextDouble() < 0.2;
            episodes.add(new Episode(timeAwayFromEvents(), (d, t) -> {
                d.disconnect(t, server ? "500001" : "404104", server ? "ServerError" : "DeviceConnectionClosedRemotely");
                long back = t + random.nextLong(500, 20 * SECOND);
                d.reconnect(back, d.afterReattach(), true);
                if (second) {
                    d.reconnect(back + random.nextLong(2 * SECOND, 30 * SECOND), d.client, true);
                }
            }));
        }
        if (random.nextDouble() < 0.1) {
            episodes.add(new Episode(timeAwayFromEvents(), (d, t) -> d.reconnect(t, d.client, true)));
        }
    }

    private void faulty(List<Episode> episodes) {
        if (random.nextDouble() < 0.7) {
            int n = 8 + random.nextInt(53);
            long meanGap = (long) ((end - START) * 0.8 / n);
            long t = START + random.nextLong(Math.min(30 * MINUTE, (end - START) / 4));
            for (int i = 0; i < n && t < end; i++) {
                episodes.add(new Episode(t, (d, at) -> d.reconnect(at, d.client, true)));
                t += (long) (meanGap * (0.3 + 1.4 * random.nextDouble()));
            }
        } else {
            int drops = 2 + random.nextInt(3);
            for (int k = 0; k < drops; k++) {
                int storms = 3 + random.nextInt(4);
                episodes.add(new Episode(timeAwayFromEvents(), (d, t) -> {
                    d.disconnect(t, "404104", "DeviceConnectionClosedRemotely");
                    long at = t;
                    Client client = d.afterReattach();
                    for (int i = 0; i < storms; i++) {
                        at += random.nextLong(SECOND, 15 * SECOND);
                        d.reconnect(at, client, true);
                    }
                }));
            }
        }
    }

    private List<Episode> shared(Device d) {
        List<Client> clients = new ArrayList<>();
        clients.add(d.client);
        int count = random.nextDouble() < 0.75 ? 2 : 3;
        boolean sameAddress = random.nextDouble() < 0.2;
        while (clients.size() < count) {
            Client other = newClient();
            clients.add(sameAddress ? new Client(d.client.ip, otherSdk(clients), d.client.protocol) : other);
        }
        List<Episode> bursts = new ArrayList<>();
        int burstCount = 1 + random.nextInt(4);
        long latestStart = Math.max(MINUTE, end - START - Math.min(HOUR, (end - START) / 2));
        for (int b = 0; b < burstCount; b++) {
            int takeovers = 4 + random.nextInt(17);
            bursts.add(new Episode(START + random.nextLong(latestStart), (dev, start) -> {
                long t = start;
                int current = clients.indexOf(dev.client);
                for (int k = 0; k < takeovers && t < end; k++) {
                    int next = random.nextInt(count - 1);
                    next = next >= current ? next + 1 : next;
                    dev.reconnect(t, clients.get(next), true);
                    current = next;
                    t += random.nextLong(3 * SECOND, 90 * SECOND);
                }
            }));
        }
        return bursts;
    }

    private void platformDrop(Device d, long t, String code) {
        d.disconnect(t, code, code.equals("400029") ? "ConnectionForcefullyClosedOnFaultInjection" : "GenericTimeout");
        long back = t + random.nextLong(2 * SECOND, 90 * SECOND);
        boolean conflict = random.nextDouble() < 0.45;
        d.reconnect(back, d.afterReattach(), conflict);
        if (conflict && random.nextDouble() < 0.3) {
            d.reconnect(back + random.nextLong(5 * SECOND, 60 * SECOND), d.client, true);
        }
    }

    /**
     * A time in the window away from the platform events, uniform over what is left. Where the events leave
     * less than half of the window, anywhere: crowding every episode into what is left would make a real
     * mass drop (the ground truth then gives conflicts during an event to the event).
     */
    private long timeAwayFromEvents() {
        while (true) {
            long t = episodesFrom + random.nextLong(episodesTo - episodesFrom);
            if (!avoidEvents || events.stream().noneMatch(e -> e.near(t))) {
                return t;
            }
        }
    }

    private boolean eventsLeaveHalfTheWindow() {
        long free = 0;
        for (long t = episodesFrom; t < episodesTo; t += MINUTE) {
            long at = t;
            if (events.stream().noneMatch(e -> e.near(at))) {
                free += MINUTE;
            }
        }
        return free * 2 >= episodesTo - episodesFrom;
    }

    /** One identity's rows, with the address of the connection the hub holds open. */
    private final class Device {
        final Identity id;
        final Consumer<SimRow> out;
        final List<String> carrierPool;
        final List<Long> conflictTimes = new ArrayList<>();
        Client client;
        String openIp;

        Device(Identity id, Client client, boolean carrier, Consumer<SimRow> out) {
            this.id = id;
            this.client = client;
            this.out = out;
            this.carrierPool = carrier ? carrierPool(client.ip) : null;
        }

        boolean mqtt() {
            return client.protocol.startsWith("Mqtt");
        }

        void connect(long t, Client c) {
            out.accept(row(t, id, "deviceConnect", null, null, props(id, c, true, null)));
            client = c;
            openIp = c.ip;
        }

        /** A connect while the hub may still hold the previous link: with a conflict, that link is closed. */
        void reconnect(long t, Client c, boolean conflict) {
            String closed = openIp;
            connect(t, c);
            if (conflict && t < end) {
                long at = t + random.nextLong(300);
                Client old = new Client(closed == null ? c.ip : closed, c.sdk, c.protocol);
                boolean mqttLink = c.protocol.startsWith("Mqtt");
                disconnectAs(at, old, mqttLink ? "400027" : "409002",
                        mqttLink ? "ConnectionForcefullyClosedOnNewConnection" : "LinkCreationConflict");
                conflictTimes.add(at);
            }
        }

        void disconnect(long t, String code, String description) {
            disconnectAs(t, new Client(openIp == null ? client.ip : openIp, client.sdk, client.protocol), code, description);
        }

        private void disconnectAs(long t, Client c, String code, String description) {
            String status = code == null ? null : code.substring(0, 3);
            out.accept(row(t, id, "deviceDisconnect", code, description, props(id, c, false, status)));
        }

        /**
         * The client after it re-attached to its network following a drop: on a carrier network its egress
         * address usually changes (a new address from the carrier's pool); elsewhere it stays.
         */
        Client afterReattach() {
            if (carrierPool == null || random.nextDouble() >= REATTACH_NEW_ADDRESS) {
                return client;
            }
            return new Client(carrierPool.get(random.nextInt(carrierPool.size())), client.sdk, client.protocol);
        }
    }

    private List<String> carrierPool(String first) {
        List<String> pool = new ArrayList<>();
        pool.add(first);
        String prefix = first.substring(0, first.indexOf('.') + 1);
        while (pool.size() < CARRIER_POOL) {
            pool.add(prefix + random.nextInt(256) + "." + random.nextInt(256) + ".XXX");
        }
        return pool;
    }

    private Client newClient() {
        String ip = (10 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + ".XXX";
        String protocol = random.nextDouble() < 0.7 ? "Mqtt" : (random.nextBoolean() ? "Amqp" : "MqttWs");
        return new Client(ip, SDKS[random.nextInt(SDKS.length)], protocol);
    }

    private String otherSdk(List<Client> taken) {
        for (String sdk : SDKS) {
            if (taken.stream().noneMatch(c -> c.sdk.equals(sdk))) {
                return sdk;
            }
        }
        return SDKS[0];
    }

    private SimRow row(long t, Identity id, String op, String code, String description, String props) {
        return new SimRow(t, id.hub(), op, code == null ? "Information" : "Error", code, description, props,
                "Connections", null);
    }

    private static String props(Identity id, Client c, boolean withSdk, String status) {
        StringBuilder s = new StringBuilder(256);
        s.append("{\"deviceId\":\"").append(json(id.deviceId())).append('"');
        if (id.moduleId() != null) {
            s.append(",\"moduleId\":\"").append(json(id.moduleId())).append('"');
        }
        s.append(",\"protocol\":\"").append(c.protocol).append('"');
        s.append(",\"authType\":\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\",\\\"issuer\\\":\\\"iothub\\\",\\\"acceptingIpFilterRule\\\":null}\"");
        s.append(",\"maskedIpAddress\":\"").append(c.ip).append('"');
        if (withSdk) {
            s.append(",\"sdkVersion\":\"").append(json(c.sdk)).append('"');
        }
        s.append(",\"statusCode\":").append(status == null ? "null" : "\"" + status + "\"");
        s.append('}');
        return s.toString();
    }

    private static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private SimRow malformedRow(String hub, int i) {
        long t = START + random.nextLong(profile.hours() * HOUR);
        Identity ok = new Identity(hub, "a-dev-00000", null);
        Client c = newClient();
        return switch (i % 9) {
            case 0 -> new SimRow(t, hub, "deviceDisconnect", "409002", "LinkCreationConflict", "{deviceId: broken", "Connections", null);
            case 1 -> new SimRow(t, hub, "deviceConnect", null, null, "{\"protocol\":\"Mqtt\"}", "Connections", null);
            case 2 -> new SimRow(t, hub, "deviceDisconnect", null, null, props(ok, c, false, "409"), "Connections", null)
                    .withLevel("Error");
            case 3 -> new SimRow(t, hub, "deviceConnect", null, null,
                    props(new Identity(hub, "x".repeat(129), null), c, true, null), "Connections", null);
            case 4 -> new SimRow(t, hub, "deviceDisconnect", "409002", "LinkCreationConflict",
                    props(new Identity(hub, "quote\"d-dev", null), c, false, "409"), "Connections", null);
            case 5 -> new SimRow(t, hub, "deviceDisconnect", "409002", "LinkCreationConflict",
                    props(new Identity(hub, "gerät-\u00e9\u4e2d", null), c, false, "409"), "Connections", null);
            case 6 -> new SimRow(t, hub, "deviceConnect", null, null,
                    props(new Identity(hub, "tab\there", null), c, true, null), "Connections", null);
            case 7 -> new SimRow(t, hub, "c2dCloudToDeviceMessagesExpired", null, null, "{}", "C2DCommands", null);
            default -> new SimRow(t, hub, "deviceConnect", null, null, props(ok, c, true, null), "Connections",
                    "yesterday-ish");
        };
    }

    private record Client(String ip, String sdk, String protocol) {
    }
}
