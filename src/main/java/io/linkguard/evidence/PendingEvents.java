package io.linkguard.evidence;

import java.util.Arrays;

/**
 * Rows {@link ConnectionRowParser} has read but for their identity, which is looked up for a group of rows at
 * once ({@link #resolve}). Rows come in no order of identity, so each lookup in the {@link IdentityTable} misses
 * the cache; a first short loop only reads the slots of all the group's lookups, a second their records, so
 * those misses overlap, and the lookups themselves then find their memory in the cache. Holds at most
 * {@link #GROUP} rows: memory does not follow rows.
 */
final class PendingEvents {
    static final int GROUP = 64;
    private static final int ID = IdentityIds.MAX_LENGTH;

    private final long[] millis = new long[GROUP];
    private final EventKind[] kinds = new EventKind[GROUP];
    private final String[] hubs = new String[GROUP];
    private final String[] codes = new String[GROUP];
    private final String[] maskedIps = new String[GROUP];
    private final String[] sdkVersions = new String[GROUP];
    private final String[] protocols = new String[GROUP];
    private final String[] authTypes = new String[GROUP];
    private final int[] hashes = new int[GROUP];
    private final int[] deviceLengths = new int[GROUP];
    private final int[] moduleLengths = new int[GROUP]; // 0 for a device
    private final char[] ids = new char[GROUP * 2 * ID]; // row i: deviceId at 2 * ID * i, moduleId ID further
    private final long[] slots = new long[GROUP];
    private int size;
    private long touched;

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFull() {
        return size == GROUP;
    }

    /**
     * Adds a row whose properties name its identity; a row whose ids are longer than any valid id is not added,
     * and the reason is returned (else null).
     */
    SkipReason add(long time, EventKind kind, String hub, String code, ConnectionProperties props) {
        int at = 2 * ID * size;
        int deviceLength = props.copyDeviceId(ids, at);
        if (deviceLength < 0) {
            return SkipReason.INVALID_DEVICE_ID;
        }
        int moduleLength = props.copyModuleId(ids, at + ID);
        if (moduleLength < 0) {
            return IdentityIds.isValid(props.deviceId()) ? SkipReason.INVALID_MODULE_ID : SkipReason.INVALID_DEVICE_ID;
        }
        millis[size] = time;
        kinds[size] = kind;
        hubs[size] = hub;
        codes[size] = code;
        maskedIps[size] = props.maskedIp;
        sdkVersions[size] = props.sdkVersion;
        protocols[size] = props.protocol;
        authTypes[size] = props.authType;
        deviceLengths[size] = deviceLength;
        moduleLengths[size] = moduleLength;
        hashes[size] = IdentityTable.hash(hub, ids, at, at + deviceLength, at + ID, at + ID + moduleLength);
        size++;
        return null;
    }

    /**
     * The events of the rows added, in their order, into {@code events} and their identities' numbers into
     * {@code numbers}; rows with an invalid id are counted in {@code skipped} instead. Returns the number of events
     * and leaves this group empty.
     */
    int resolve(IdentityTable table, SkipCounts skipped, ConnectionEvent[] events, int[] numbers) {
        long touched = 0;
        for (int i = 0; i < size; i++) {
            slots[i] = table.touchSlot(hashes[i]);
        }
        for (int i = 0; i < size; i++) {
            touched += table.touchRecord(slots[i]);
        }
        this.touched = touched; // kept, so that the reads above are not optimised away
        int count = 0;
        for (int i = 0; i < size; i++) {
            int at = 2 * ID * i;
            int moduleFrom = at + ID;
            int number = table.find(hubs[i], hashes[i], ids, at, at + deviceLengths[i], moduleFrom,
                    moduleFrom + moduleLengths[i]);
            if (number < 0) { // a new identity, or an invalid one: only valid ids are in the table
                String deviceId = new String(ids, at, deviceLengths[i]);
                String moduleId = moduleLengths[i] == 0 ? null : new String(ids, moduleFrom, moduleLengths[i]);
                if (!IdentityIds.isValid(deviceId)) {
                    skipped.add(SkipReason.INVALID_DEVICE_ID);
                    continue;
                }
                if (moduleId != null && !IdentityIds.isValid(moduleId)) {
                    skipped.add(SkipReason.INVALID_MODULE_ID);
                    continue;
                }
                number = table.add(new Identity(hubs[i], deviceId, moduleId));
            }
            events[count] = new ConnectionEvent(table.identity(number), millis[i], kinds[i], codes[i], maskedIps[i],
                    sdkVersions[i], protocols[i], authTypes[i]);
            numbers[count++] = number;
        }
        clear();
        return count;
    }

    private void clear() {
        Arrays.fill(kinds, 0, size, null);
        Arrays.fill(hubs, 0, size, null);
        Arrays.fill(codes, 0, size, null);
        Arrays.fill(maskedIps, 0, size, null);
        Arrays.fill(sdkVersions, 0, size, null);
        Arrays.fill(protocols, 0, size, null);
        Arrays.fill(authTypes, 0, size, null);
        size = 0;
    }
}
