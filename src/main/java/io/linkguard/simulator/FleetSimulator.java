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
import java.util.function.Consumer;

/**
 * Generates the Connections logs of a simulated fleet, with the ground-truth class of every identity
 * that has a conflict. Behaviours (see docs/simulator.md):
 * <ul>
 *   <li>healthy: connects once; MQTT identities renew their SAS token hourly (401003, 404104, connect);</li>
 *   <li>transient: 1-4 drops (404104 or 5xx), each followed within seconds by a reconnect whose
 *       conflict (409002 on AMQP, 400027 on MQTT) closes the stale link; sometimes one stray conflict;</li>
 *   <li>faulty-reconnect: either re-opens while connected (8-60 conflicts, no drop before them) or
 *       re-creates its client while the SDK retries (3-6 conflicts after each of 2-4 drops);</li>
 *   <li>shared-identity: 2-3 clients (different masked addresses, or one address and different SDKs)
 *       taking the connection from each other in bursts;</li>
 *   <li>platform-event: an upgrade (400029) or outage (500008) closes a share of the first hub's
 *       identities within 3 minutes; they reconnect, some with a conflict or two;</li>
 *   <li>malformed rows of every skip reason, rows of another category, valid ids with odd characters.</li>
 * </ul>
 */
public final class FleetSimulator {
    static final long START = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final String[] SDKS = {"azure-iot-device-client/2.5.0", "azure-iot-device-client/2.6.1",
            "iothubclient/1.14.0 (native; Linux; x86_64)", "Microsoft.Azure.Devices.Client/1.42.3",
            "azure-iot-device/1.18.3 (node v20)"};
    private static final String[] ODD_IDS = {"dev'o(7)", "sensor:42=ok@lab$1", "pump!*?.%_x", "a,b(c)"};

    private final FleetProfile profile;
    private final SplittableRandom random;
    private final Map<Identity, Classification> truth = new LinkedHashMap<>();
    private final long platformEventStart;
    private final String platformCode;
    private long rowsWritten;

    public FleetSimulator(FleetProfile profile) {
        this.profile = profile;
        this.random = new SplittableRandom(profile.seed());
        this.platformEventStart = START + profile.hours() * HOUR / 2 + random.nextLong(30 * MINUTE);
        this.platformCode = random.nextDouble() < 0.7 ? "400029" : "500008";
    }

    /** Ground truth: the class of every identity that has at least one conflict. */
    public Map<Identity, Classification> truth() {
        return truth;
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
                simulateIdentity(hub, h == 0, identityFor(hub, i), counting);
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

    private void simulateIdentity(String hub, boolean platformHub, Identity id, Consumer<SimRow> out) {
        Client own = newClient();
        long end = START + profile.hours() * HOUR;
        double roll = random.nextDouble();
        Classification base = roll < profile.transientShare() ? Classification.TRANSIENT
                : roll < profile.transientShare() + profile.faultyShare() ? Classification.FAULTY_RECONNECT
                : roll < profile.transientShare() + profile.faultyShare() + profile.sharedShare()
                ? Classification.SHARED_IDENTITY : null;
        boolean mqtt = own.protocol.startsWith("Mqtt");
        out.accept(connect(START + random.nextLong(10 * MINUTE), id, own));
        if (mqtt && base != Classification.SHARED_IDENTITY) {
            for (long t = START + HOUR + random.nextLong(-5 * MINUTE, 5 * MINUTE); t < end; t += HOUR) {
                out.accept(disconnect(t, id, own, "401003", "IoTHubUnauthorized"));
                long drop = t + random.nextLong(SECOND, 20 * SECOND);
                out.accept(disconnect(drop, id, own, "404104", "DeviceConnectionClosedRemotely"));
                out.accept(connect(drop + random.nextLong(SECOND, 5 * SECOND), id, own));
            }
        }
        int ownConflicts = 0;
        if (base == Classification.TRANSIENT) {
            ownConflicts = transientEpisodes(id, own, end, out);
        } else if (base == Classification.FAULTY_RECONNECT) {
            faulty(id, own, end, out);
        } else if (base == Classification.SHARED_IDENTITY) {
            shared(id, own, end, out);
        }
        int eventConflicts = 0;
        if (platformHub && random.nextDouble() < profile.platformEventShare()) {
            eventConflicts = platformEvent(id, own, out);
        }
        if (base == Classification.FAULTY_RECONNECT || base == Classification.SHARED_IDENTITY) {
            truth.put(id, base);
        } else if (eventConflicts > 0 && eventConflicts >= ownConflicts) {
            truth.put(id, Classification.PLATFORM_EVENT);
        } else if (ownConflicts > 0) {
            truth.put(id, Classification.TRANSIENT);
        }
    }

    private int transientEpisodes(Identity id, Client c, long end, Consumer<SimRow> out) {
        int conflicts = 0;
        int episodes = 1 + random.nextInt(4);
        for (int e = 0; e < episodes; e++) {
            long t = timeOutsideEvent(end);
            boolean server = random.nextDouble() < 0.3;
            out.accept(disconnect(t, id, c, server ? "500001" : "404104",
                    server ? "ServerError" : "DeviceConnectionClosedRemotely"));
            long back = t + random.nextLong(500, 20 * SECOND);
            out.accept(connect(back, id, c));
            out.accept(conflict(back + random.nextLong(300), id, c));
            conflicts++;
            if (random.nextDouble() < 0.2) {
                long again = back + random.nextLong(2 * SECOND, 30 * SECOND);
                out.accept(connect(again, id, c));
                out.accept(conflict(again, id, c));
                conflicts++;
            }
        }
        if (random.nextDouble() < 0.1) {
            long t = timeOutsideEvent(end);
            out.accept(connect(t, id, c));
            out.accept(conflict(t, id, c));
            conflicts++;
        }
        return conflicts;
    }

    private void faulty(Identity id, Client c, long end, Consumer<SimRow> out) {
        if (random.nextDouble() < 0.7) {
            int n = 8 + random.nextInt(53);
            long meanGap = (long) (profile.hours() * HOUR * 0.8 / n);
            long t = START + random.nextLong(30 * MINUTE);
            for (int i = 0; i < n && t < end; i++) {
                out.accept(connect(t, id, c));
                out.accept(conflict(t + random.nextLong(200), id, c));
                t += (long) (meanGap * (0.3 + 1.4 * random.nextDouble()));
            }
        } else {
            int drops = 2 + random.nextInt(3);
            for (int d = 0; d < drops; d++) {
                long t = timeOutsideEvent(end);
                out.accept(disconnect(t, id, c, "404104", "DeviceConnectionClosedRemotely"));
                int storms = 3 + random.nextInt(4);
                long at = t;
                for (int k = 0; k < storms; k++) {
                    at += random.nextLong(SECOND, 15 * SECOND);
                    out.accept(connect(at, id, c));
                    out.accept(conflict(at + random.nextLong(100), id, c));
                }
            }
        }
    }

    private void shared(Identity id, Client first, long end, Consumer<SimRow> out) {
        List<Client> clients = new ArrayList<>();
        clients.add(first);
        int count = random.nextDouble() < 0.75 ? 2 : 3;
        boolean sameAddress = random.nextDouble() < 0.2;
        while (clients.size() < count) {
            Client other = newClient();
            clients.add(sameAddress ? new Client(first.ip, otherSdk(clients), first.protocol) : other);
        }
        int bursts = 1 + random.nextInt(4);
        int current = 0;
        for (int b = 0; b < bursts; b++) {
            long t = START + random.nextLong(profile.hours() * HOUR - HOUR);
            int takeovers = 4 + random.nextInt(17);
            for (int k = 0; k < takeovers && t < end; k++) {
                int next = random.nextInt(count - 1);
                next = next >= current ? next + 1 : next;
                out.accept(connect(t, id, clients.get(next)));
                out.accept(conflict(t + random.nextLong(300), id, clients.get(current)));
                current = next;
                t += random.nextLong(3 * SECOND, 90 * SECOND);
            }
        }
    }

    private int platformEvent(Identity id, Client c, Consumer<SimRow> out) {
        long t = platformEventStart + random.nextLong(3 * MINUTE);
        out.accept(disconnect(t, id, c, platformCode,
                platformCode.equals("400029") ? "ConnectionForcefullyClosedOnFaultInjection" : "GenericTimeout"));
        long back = t + random.nextLong(2 * SECOND, 90 * SECOND);
        out.accept(connect(back, id, c));
        int conflicts = 0;
        if (random.nextDouble() < 0.45) {
            out.accept(conflict(back + random.nextLong(300), id, c));
            conflicts++;
            if (random.nextDouble() < 0.3) {
                long again = back + random.nextLong(5 * SECOND, 60 * SECOND);
                out.accept(connect(again, id, c));
                out.accept(conflict(again, id, c));
                conflicts++;
            }
        }
        return conflicts;
    }

    private long timeOutsideEvent(long end) {
        while (true) {
            long t = START + 15 * MINUTE + random.nextLong(end - START - 30 * MINUTE);
            if (t < platformEventStart - 15 * MINUTE || t > platformEventStart + 45 * MINUTE) {
                return t;
            }
        }
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

    private SimRow connect(long t, Identity id, Client c) {
        return row(t, id, "deviceConnect", null, null, props(id, c, true, null));
    }

    private SimRow disconnect(long t, Identity id, Client c, String code, String description) {
        String status = code == null ? null : code.substring(0, 3);
        return row(t, id, "deviceDisconnect", code, description, props(id, c, false, status));
    }

    private SimRow conflict(long t, Identity id, Client c) {
        boolean mqtt = c.protocol.startsWith("Mqtt");
        return disconnect(t, id, c, mqtt ? "400027" : "409002",
                mqtt ? "ConnectionForcefullyClosedOnNewConnection" : "LinkCreationConflict");
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
