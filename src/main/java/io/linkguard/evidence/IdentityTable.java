package io.linkguard.evidence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The identities met in one read, each with a number (0, 1, 2, ... in order of first sight) and one canonical
 * {@link Identity} instance. A row's identity is found from the characters of its ids as they lie in the row's
 * text, so a repeat builds no String and no Identity, and every later step can compare identities by reference
 * or use the number as an index.
 *
 * <p>Laid out for few cache misses a lookup (rows come in no order, so each lookup touches memory no recent row
 * did): a slot holds the hash and where the entry's record starts; the record holds the number, the hub's number
 * and the ids' characters, one byte each (only valid ids are added, {@link IdentityIds}: ASCII). About 40 bytes
 * an identity besides its Identity; memory follows identities, never rows. Not thread-safe: one per read.
 */
final class IdentityTable {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    // A record: number (int), hub number (int), deviceId length, moduleId length (0 for a device), the characters.
    private static final int NUMBER = 0;
    private static final int HUB = 4;
    private static final int DEVICE_LENGTH = 8;
    private static final int MODULE_LENGTH = 9;
    private static final int CHARS = 10;
    private static final int RECENT_HUBS = 4;

    private long[] slots = new long[64]; // hash << 32 | record start + 1; 0 for an empty slot. Linear probing.
    private byte[] records = new byte[1024];
    private int recordsLength;
    private Identity[] identities = new Identity[16];
    private int size;
    private final Map<String, Integer> hubNumbers = new HashMap<>();
    private final String[] recentHubs = new String[RECENT_HUBS];
    private final int[] recentHubNumbers = new int[RECENT_HUBS];
    private int nextRecentHub;
    private final char[] scratch = new char[2 * IdentityIds.MAX_LENGTH + 1];

    /** How many identities the table holds. */
    int size() {
        return size;
    }

    /** The identity of a number {@link #find} or {@link #add} gave. */
    Identity identity(int number) {
        return identities[number];
    }

    /**
     * The number of the identity of {@code hub} whose deviceId is {@code text[deviceFrom, deviceTo)} and whose
     * moduleId is {@code text[moduleFrom, moduleTo)} ({@code moduleFrom} negative, or the range empty, for a
     * device), or -1 when the table does not hold it.
     */
    int find(String hub, char[] text, int deviceFrom, int deviceTo, int moduleFrom, int moduleTo) {
        if (moduleFrom < 0) {
            moduleFrom = moduleTo = deviceTo;
        }
        return find(hub, hash(hub, text, deviceFrom, deviceTo, moduleFrom, moduleTo), text, deviceFrom, deviceTo,
                moduleFrom, moduleTo);
    }

    /** As {@link #find(String, char[], int, int, int, int)} (an empty module range for a device), with its {@link #hash}. */
    int find(String hub, int hash, char[] text, int deviceFrom, int deviceTo, int moduleFrom, int moduleTo) {
        int deviceLength = deviceTo - deviceFrom;
        int moduleLength = moduleTo - moduleFrom;
        if (deviceLength > IdentityIds.MAX_LENGTH || moduleLength > IdentityIds.MAX_LENGTH) {
            return -1; // never added: not a valid id
        }
        int hubNumber = knownHubNumber(hub);
        if (hubNumber < 0) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if ((int) (entry >>> 32) != hash) {
                continue;
            }
            int at = (int) entry - 1;
            if ((int) INT.get(records, at + HUB) == hubNumber && length(at + DEVICE_LENGTH) == deviceLength
                    && length(at + MODULE_LENGTH) == moduleLength
                    && sameChars(at + CHARS, text, deviceFrom, deviceLength)
                    && sameChars(at + CHARS + deviceLength, text, moduleFrom, moduleLength)) {
                return (int) INT.get(records, at + NUMBER);
            }
        }
    }

    /**
     * Only reads the memory a {@link #find} with this hash will start with (its first slot and that slot's record)
     * and returns something of it that means nothing: rows of no order each miss the cache here, and reading the
     * slots of many rows first, in one short loop, lets those misses overlap. {@link #touchRecord} reads the records
     * once the slots are in the cache.
     */
    long touchSlot(int hash) {
        return slots[hash & (slots.length - 1)];
    }

    /** See {@link #touchSlot}: {@code slot} is what it returned. */
    int touchRecord(long slot) {
        return slot == 0 ? 0 : records[(int) slot - 1];
    }

    /**
     * Adds an identity the table does not hold yet (see {@link #find}) and returns its number; its ids must be
     * valid ({@link IdentityIds#isValid}).
     */
    int add(Identity identity) {
        String deviceId = identity.deviceId();
        String moduleId = identity.moduleId() == null ? "" : identity.moduleId();
        if (!IdentityIds.isValid(deviceId) || !moduleId.isEmpty() && !IdentityIds.isValid(moduleId)) {
            throw new IllegalArgumentException("not a valid identity: " + IdentityIds.printable(identity.display()));
        }
        if (size == identities.length) {
            identities = Arrays.copyOf(identities, 2 * size);
        }
        int length = CHARS + deviceId.length() + moduleId.length();
        if (recordsLength + length > records.length) {
            records = Arrays.copyOf(records, Math.max(recordsLength + length, 2 * records.length));
        }
        int number = size++;
        identities[number] = identity;
        int at = recordsLength;
        recordsLength += length;
        int hubNumber = knownHubNumber(identity.hub());
        if (hubNumber < 0) {
            hubNumber = hubNumbers.size();
            hubNumbers.put(identity.hub(), hubNumber);
        }
        INT.set(records, at + NUMBER, number);
        INT.set(records, at + HUB, hubNumber);
        records[at + DEVICE_LENGTH] = (byte) deviceId.length();
        records[at + MODULE_LENGTH] = (byte) moduleId.length();
        String ids = deviceId + moduleId;
        ids.getChars(0, ids.length(), scratch, 0);
        for (int i = 0; i < ids.length(); i++) {
            records[at + CHARS + i] = (byte) scratch[i]; // ASCII: checked above
        }
        int hash = hash(identity.hub(), scratch, 0, deviceId.length(), deviceId.length(), ids.length());
        if (2 * size > slots.length) {
            long[] old = slots;
            slots = new long[2 * old.length];
            for (long entry : old) {
                if (entry != 0) {
                    place(entry);
                }
            }
        }
        place((long) hash << 32 | (at + 1));
        return number;
    }

    /** A length byte of a record: 0 to {@link IdentityIds#MAX_LENGTH}, so unsigned. */
    private int length(int at) {
        return records[at] & 0xff;
    }

    private void place(long entry) {
        int mask = slots.length - 1;
        int slot = (int) (entry >>> 32) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
    }

    /**
     * The small number of a hub some identity has, or -1: the last few hubs are found by reference, the others by
     * their name.
     */
    private int knownHubNumber(String hub) {
        for (int i = 0; i < RECENT_HUBS; i++) {
            if (recentHubs[i] == hub) {
                return recentHubNumbers[i];
            }
        }
        Integer number = hubNumbers.get(hub);
        if (number == null) {
            return -1;
        }
        recentHubs[nextRecentHub] = hub;
        recentHubNumbers[nextRecentHub] = number;
        nextRecentHub = (nextRecentHub + 1) % RECENT_HUBS;
        return number;
    }

    private boolean sameChars(int at, char[] text, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (records[at + i] != text[from + i]) { // a byte here is ASCII: a char above it never matches
                return false;
            }
        }
        return true;
    }

    /**
     * The hash of a hub and ids (an empty module range for a device): the same for the same hub name and
     * characters; a module apart from a device whose id has the same characters.
     */
    static int hash(String hub, char[] text, int deviceFrom, int deviceTo, int moduleFrom, int moduleTo) {
        int h = hub.hashCode();
        for (int i = deviceFrom; i < deviceTo; i++) {
            h = 31 * h + text[i];
        }
        h = 31 * h + 1;
        for (int i = moduleFrom; i < moduleTo; i++) {
            h = 31 * h + text[i];
        }
        return spread(h);
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
