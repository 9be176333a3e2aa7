package io.linkguard.evidence;

import io.linkguard.logs.ColumnSelection;
import io.linkguard.logs.LogTimestamps;
import io.linkguard.logs.RawRow;
import java.time.Clock;

/**
 * Turns an AzureDiagnostics row into a {@link ConnectionEvent}, or counts why it cannot be used.
 * Reads only the handful of properties_s keys LinkGuard needs (see {@link ConnectionProperties}).
 * One instance per read: it is not thread-safe.
 */
public final class ConnectionRowParser {
    /** How many rows {@link #offer} keeps waiting at most. */
    public static final int GROUP = PendingEvents.GROUP;
    /** The only columns {@link #parse} reads; file readers skip the others. */
    public static final ColumnSelection COLUMNS = ColumnSelection.of("Category", "TimeGenerated", "_ResourceId",
            "ResourceId", "Resource", "OperationName", "ResultType", "Level", "properties_s");

    private final SkipCounts skipped;
    private final PlausibleTimes plausible;
    private final HubNameCache hubNames = new HubNameCache();
    private final Cells cells = new Cells();
    private String lastCode;
    private EventKind lastCodeKind;
    private final PropertiesScanner properties = new PropertiesScanner();
    private final IdentityTable identities = new IdentityTable();
    private final PendingEvents pending = new PendingEvents();
    private final ConnectionEvent[] single = new ConnectionEvent[1];
    private final int[] singleNumber = new int[1];
    private int identityNumber = -1;

    /** Times are plausible up to a day after the system clock's now. */
    public ConnectionRowParser(SkipCounts skipped) {
        this(skipped, PlausibleTimes.upTo(Clock.systemUTC()));
    }

    public ConnectionRowParser(SkipCounts skipped, PlausibleTimes plausible) {
        this.skipped = skipped;
        this.plausible = plausible;
    }

    /** The event, or null after counting the skip reason. Not while rows {@link #offer offered} wait. */
    public ConnectionEvent parse(RawRow row) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("offered rows are waiting: resolve them first");
        }
        if (!offer(row)) {
            return null;
        }
        int n = pending.resolve(identities, skipped, single, singleNumber);
        identityNumber = n == 0 ? -1 : singleNumber[0];
        ConnectionEvent event = n == 0 ? null : single[0];
        single[0] = null;
        return event;
    }

    /**
     * The number of the identity of the event {@link #parse} returned last: 0, 1, 2, ... in order of first sight,
     * the same for every event of one identity, and that event's {@link Identity} is the one instance of it this
     * parser hands out (see {@link ObservationCollector#add(ConnectionEvent, int)}).
     */
    public int identityNumber() {
        return identityNumber;
    }

    /**
     * Reads a row as {@link #parse} does, but the row waits for {@link #resolve} (with up to {@link #GROUP} - 1
     * others: its identity is looked up with theirs). False when the row was skipped (its reason counted).
     */
    public boolean offer(RawRow row) {
        if (pending.isFull()) {
            throw new IllegalStateException(GROUP + " rows are waiting: resolve them first");
        }
        Cells cells = this.cells.of(row);
        String category = row.get(cells.category);
        if (category != null && !category.equals("Connections")) {
            return skipRow(SkipReason.OTHER_CATEGORY);
        }
        String time = row.get(cells.time);
        if (time == null) {
            return skipRow(SkipReason.MISSING_TIMESTAMP);
        }
        long millis;
        try {
            millis = LogTimestamps.parseMillis(time);
        } catch (IllegalArgumentException e) {
            return skipRow(SkipReason.BAD_TIMESTAMP);
        }
        if (!plausible.contains(millis)) {
            return skipRow(SkipReason.IMPLAUSIBLE_TIMESTAMP);
        }
        String hub = hubNames.of(row, cells);
        if (hub == null) {
            return skipRow(SkipReason.MISSING_HUB);
        }
        if (!hubNames.valid()) {
            return skipRow(SkipReason.INVALID_HUB);
        }
        String operation = row.get(cells.operation);
        boolean connect;
        if ("deviceConnect".equals(operation)) {
            connect = true;
        } else if ("deviceDisconnect".equals(operation)) {
            connect = false;
        } else {
            return skipRow(SkipReason.UNKNOWN_OPERATION);
        }
        String code = row.get(cells.code);
        if (code == null && "Error".equalsIgnoreCase(row.get(cells.level))) {
            return skipRow(SkipReason.ERROR_WITHOUT_CODE);
        }
        ConnectionProperties props = ConnectionProperties.parse(row.get(cells.properties), properties);
        if (props == null) {
            return skipRow(SkipReason.PROPERTIES_NOT_JSON);
        }
        if (!props.hasDeviceId()) {
            return skipRow(SkipReason.MISSING_DEVICE_ID);
        }
        SkipReason invalid = pending.add(millis, kindOf(code, connect), hub, code, props);
        return invalid == null || skipRow(invalid);
    }

    /** Whether {@link #GROUP} offered rows wait: {@link #resolve} before offering another. */
    public boolean full() {
        return pending.isFull();
    }

    /**
     * The events of the rows offered since the last call, in their order, into {@code events} (at least
     * {@link #GROUP} long), with their identities' numbers (as {@link #identityNumber}) into {@code numbers}; rows
     * whose ids turn out invalid are counted instead. Returns the number of events.
     */
    public int resolve(ConnectionEvent[] events, int[] numbers) {
        return pending.resolve(identities, skipped, events, numbers);
    }

    /** {@link EventKind#ofCode}, remembered for the last code (the readers share a repeated cell's String). */
    private EventKind kindOf(String code, boolean connect) {
        if (code == null) {
            return EventKind.ofCode(null, connect);
        }
        if (code != lastCode) {
            lastCodeKind = EventKind.ofCode(code, connect); // a code's kind does not depend on the operation
            lastCode = code;
        }
        return lastCodeKind;
    }

    /** Where the columns {@link #parse} reads are, for the rows of one layout ({@link RawRow#layout}). */
    private static final class Cells {
        private Object layout;
        int category;
        int time;
        int resourceIdUnderscore;
        int resourceId;
        int resource;
        int operation;
        int code;
        int level;
        int properties;

        Cells of(RawRow row) {
            if (row.layout() != layout) {
                layout = row.layout();
                category = row.indexOf("Category");
                time = row.indexOf("TimeGenerated");
                resourceIdUnderscore = row.indexOf("_ResourceId");
                resourceId = row.indexOf("ResourceId");
                resource = row.indexOf("Resource");
                operation = row.indexOf("OperationName");
                code = row.indexOf("ResultType");
                level = row.indexOf("Level");
                properties = row.indexOf("properties_s");
            }
            return this;
        }
    }

    private static String resourceIdOf(RawRow row, Cells cells) {
        String resourceId = row.get(cells.resourceIdUnderscore);
        return resourceId != null ? resourceId : row.get(cells.resourceId);
    }

    /** The hub of _ResourceId (or ResourceId), else of Resource. */
    private static String hubName(String resourceId, String resource) {
        String hub = HubNames.of(resourceId);
        return hub != null ? hub : HubNames.of(resource);
    }

    /**
     * Remembers the last few resource ids and Resources with their hub names: rows of one hub repeat them (rows of
     * a few hubs interleave), so most rows skip {@link HubNames#of} and its validation, and identities of one hub
     * share one hub string. The cells are compared by reference first: the readers share repeated cells.
     */
    private static final class HubNameCache {
        private static final int SIZE = 4;
        private final String[] resourceIds = new String[SIZE];
        private final String[] resources = new String[SIZE];
        private final String[] hubs = new String[SIZE];
        private final boolean[] valids = new boolean[SIZE];
        private int next;
        private boolean valid;

        String of(RawRow row, Cells cells) {
            String id = resourceIdOf(row, cells);
            String res = row.get(cells.resource);
            for (int i = 0; i < SIZE; i++) {
                if (hubs[i] != null && same(id, resourceIds[i]) && same(res, resources[i])) {
                    valid = valids[i];
                    return hubs[i];
                }
            }
            String hub = hubName(id, res);
            if (hub == null) {
                return null;
            }
            hub = known(hub);
            valid = HubNames.isValid(hub);
            resourceIds[next] = id;
            resources[next] = res;
            hubs[next] = hub;
            valids[next] = valid;
            next = (next + 1) % SIZE;
            return hub;
        }

        /** Whether the hub last returned by {@link #of} is a valid hub name. */
        boolean valid() {
            return valid;
        }

        /** An equal hub name already kept (another spelling of the same hub's cells), else {@code hub}. */
        private String known(String hub) {
            for (String h : hubs) {
                if (hub.equals(h)) {
                    return h;
                }
            }
            return hub;
        }

        private static boolean same(String a, String b) {
            return a == b || a != null && a.equals(b);
        }
    }

    private boolean skipRow(SkipReason reason) {
        skipped.add(reason);
        return false;
    }
}
