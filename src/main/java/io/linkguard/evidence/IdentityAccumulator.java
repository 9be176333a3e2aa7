package io.linkguard.evidence;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Per-identity state while a log stream is read: exact counts plus the latest {@code timelineCap}
 * events, kept in one primitive array (a long an event: the time as an int offset from the identity's first
 * event, and the packed kind and dictionary indexes) so memory stays
 * bounded by the cap however long the input is, and input order does not matter. One array, not two: rows come
 * in no order of identity, so each add reaches memory no recent row touched, and each array costs a cache miss.
 * An event more than 24 days from the first widens the identity's times to a second array of longs, so any
 * span is kept exactly. The protocol slot holds the
 * protocol and the auth type together ({@link Client}): both are few per identity, and the packed int is full.
 */
final class IdentityAccumulator {
    private static final int DICT_MAX = 127;
    private static final int FIELD_BITS = 7;
    private static final int MASK = (1 << FIELD_BITS) - 1;
    // The values packed after the kind's 3 bits, FIELD_BITS each, in this order.
    private static final int CODE = 0;
    private static final int MASKED_IP = 1;
    private static final int SDK_VERSION = 2;
    private static final int PROTOCOL = 3;

    final Identity identity;
    private final int timelineCap;
    private final SharedValues shared;
    final long[] kindCounts = new long[EventKind.values().length];
    long conflicts400027;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    private long base; // the first event's time; offsets are from it
    private long[] events; // per event: the time's offset from base (high 32 bits), the packed values (low 32)
    private long[] wideTimes; // the times themselves, once one is too far from base for an int offset
    private int size;
    private long omitted;
    private Object[] dictionary = new Object[4];
    private int dictionarySize = 1; // index 0 means "absent"
    private int lastIndexes; // per field (FIELD_BITS each, as in packed): the index its last value had
    private Timeline finished;

    IdentityAccumulator(Identity identity, int timelineCap, SharedValues shared) {
        this.identity = identity;
        this.timelineCap = timelineCap;
        this.shared = shared;
    }

    void add(ConnectionEvent e) {
        finished = null;
        kindCounts[e.kind().ordinal()]++;
        if ("400027".equals(e.code())) {
            conflicts400027++;
        }
        firstSeen = Math.min(firstSeen, e.timeMillis());
        lastSeen = Math.max(lastSeen, e.timeMillis());
        if (events == null) {
            base = e.timeMillis();
            events = new long[4];
        }
        if (size == events.length) {
            if (size >= 2 * timelineCap) {
                keepLatest(timelineCap, 2 * timelineCap);
            } else {
                resize(Math.min(2 * timelineCap, size + (size >> 1) + 1)); // 1.5x: less slack per identity
            }
        }
        int packed = e.kind().ordinal()
                | index(CODE, e.code()) << shift(CODE)
                | index(MASKED_IP, e.maskedIp()) << shift(MASKED_IP)
                | index(SDK_VERSION, e.sdkVersion()) << shift(SDK_VERSION)
                | clientIndex(e.protocol(), e.authType()) << shift(PROTOCOL);
        long offset = e.timeMillis() - base;
        if (wideTimes == null && offset != (int) offset) {
            widen();
        }
        if (wideTimes != null) {
            wideTimes[size] = e.timeMillis();
            offset = 0;
        }
        events[size] = offset << 32 | (packed & 0xFFFF_FFFFL);
        size++;
    }

    /** Reads the memory {@link #add} is about to need (see {@link ObservationCollector#addAll}); the value means nothing. */
    long touch() {
        long t = size + kindCounts.length + lastIndexes;
        if (events != null) {
            t += events[Math.min(size, events.length - 1)];
        }
        Object ip = dictionary[(lastIndexes >>> (MASKED_IP * FIELD_BITS)) & MASK];
        return ip instanceof String s ? t + s.length() : t;
    }

    private void resize(int capacity) {
        events = Arrays.copyOf(events, capacity);
        if (wideTimes != null) {
            wideTimes = Arrays.copyOf(wideTimes, capacity);
        }
    }

    private void widen() {
        wideTimes = new long[events.length];
        for (int i = 0; i < size; i++) {
            wideTimes[i] = base + (int) (events[i] >> 32);
        }
    }

    private static long time(long[] events, long[] wideTimes, long base, int i) {
        return wideTimes != null ? wideTimes[i] : base + (int) (events[i] >> 32);
    }

    private long time(int i) {
        return time(events, wideTimes, base, i);
    }

    private int packed(int i) {
        return (int) events[i];
    }

    boolean hasConflict() {
        return kindCounts[EventKind.CONFLICT.ordinal()] > 0;
    }

    EventCounts counts() {
        long conflicts = kindCounts[EventKind.CONFLICT.ordinal()];
        return new EventCounts(
                kindCounts[EventKind.CONNECT.ordinal()],
                kindCounts[EventKind.DISCONNECT.ordinal()],
                conflicts - conflicts400027,
                conflicts400027,
                kindCounts[EventKind.DROP.ordinal()],
                kindCounts[EventKind.AUTH_EXPIRED.ordinal()],
                kindCounts[EventKind.SERVER_ERROR.ordinal()],
                kindCounts[EventKind.PLATFORM_FAULT.ordinal()],
                kindCounts[EventKind.OTHER_ERROR.ordinal()]);
    }

    /**
     * The latest {@code timelineCap} events in time order, sorted once; a later {@link #add} makes the next call
     * sort again. The list is a view over exact-size copies of the packed arrays (8 bytes per event): each
     * {@link TimelineEvent} is built when it is read, so a kept timeline costs no object per event.
     */
    Timeline timeline() {
        if (finished != null) {
            return finished;
        }
        keepLatest(timelineCap, Math.min(size, timelineCap));
        finished = new Timeline(events, wideTimes, base, size, dictionary);
        return finished;
    }

    long omitted() {
        return omitted;
    }

    /**
     * Sorts by time, ties by kind and then by the event's values (not by arrival, so input order never
     * matters), and keeps the newest {@code keep} events in arrays of {@code capacity} slots.
     */
    private void keepLatest(int keep, int capacity) {
        if (size == 0) {
            return;
        }
        int[] order = inOrder() ? null : sortedOrder(); // logs mostly come in time order: nothing to sort then
        int from = Math.max(0, size - keep);
        long[] newEvents = new long[Math.max(4, capacity)];
        long[] newWideTimes = wideTimes == null ? null : new long[newEvents.length];
        for (int j = from; j < size; j++) {
            int i = order == null ? j : order[j];
            newEvents[j - from] = events[i];
            if (newWideTimes != null) {
                newWideTimes[j - from] = wideTimes[i];
            }
        }
        omitted += from;
        events = newEvents;
        wideTimes = newWideTimes;
        size -= from;
    }

    private boolean inOrder() {
        for (int i = 1; i < size; i++) {
            if (compare(i - 1, i) > 0) {
                return false;
            }
        }
        return true;
    }

    private static final int INDEX_BITS = 20;

    /**
     * The events' indexes in {@link #compare} order, as a stable sort gives them: by time through a sort of
     * primitive keys (time, then index), then each run of equal times by the rest of the order. (A comparator
     * sort of boxed indexes cost a C2 compilation of its own and most of the time of reading unordered input.)
     */
    private int[] sortedOrder() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, time(i));
            max = Math.max(max, time(i));
        }
        if (size >= 1 << INDEX_BITS || max - min >= 1L << (63 - INDEX_BITS) || max - min < 0) {
            return sortedByComparator();
        }
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = (time(i) - min) << INDEX_BITS | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & ((1 << INDEX_BITS) - 1));
        }
        for (int start = 0, end; start < size; start = end) {
            long t = time(order[start]);
            end = start + 1;
            while (end < size && time(order[end]) == t) {
                end++;
            }
            sortRun(order, start, end);
        }
        return order;
    }

    /** Stable, by {@link #compare}: insertion for the usual short run, a merge sort for a long one. */
    private void sortRun(int[] order, int from, int to) {
        if (to - from > 32) {
            Integer[] run = new Integer[to - from];
            for (int i = from; i < to; i++) {
                run[i - from] = order[i];
            }
            Arrays.sort(run, this::compare);
            for (int i = from; i < to; i++) {
                order[i] = run[i - from];
            }
            return;
        }
        for (int end = from + 1; end < to; end++) {
            int moving = order[end];
            int j = end - 1;
            for (; j >= from && compare(order[j], moving) > 0; j--) {
                order[j + 1] = order[j];
            }
            order[j + 1] = moving;
        }
    }

    private int[] sortedByComparator() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        sortRun(order, 0, size);
        return order;
    }

    private int compare(int a, int b) {
        int byTime = Long.compare(time(a), time(b));
        if (byTime != 0) {
            return byTime;
        }
        int byKind = Integer.compare(packed(a) & 7, packed(b) & 7);
        for (int field = CODE; byKind == 0 && field <= PROTOCOL; field++) {
            // String.valueOf: an absent value sorts as "null", as it always has
            byKind = String.valueOf(value(packed(a), field)).compareTo(String.valueOf(value(packed(b), field)));
        }
        return byKind;
    }

    private static int shift(int field) {
        return 3 + field * FIELD_BITS;
    }

    /** One of an event's packed values (a {@link #CODE} ... {@link #PROTOCOL} field), null when absent. */
    private Object value(int packedEvent, int field) {
        return value(dictionary, packedEvent, field);
    }

    private static Object value(Object[] dictionary, int packedEvent, int field) {
        return dictionary[(packedEvent >>> shift(field)) & MASK];
    }

    private static TimelineEvent event(long time, int p, Object[] dictionary) {
        Object c = value(dictionary, p, PROTOCOL);
        Client client = c == null ? Client.NONE : c instanceof Client k ? k : new Client((String) c, null);
        return new TimelineEvent(time, EventKind.ofOrdinal(p & 7), (String) value(dictionary, p, CODE),
                (String) value(dictionary, p, MASKED_IP), (String) value(dictionary, p, SDK_VERSION),
                client.protocol(), client.authType());
    }

    /** A sorted, trimmed timeline: read-only, each event decoded from the packed arrays when asked for. */
    static final class Timeline extends AbstractList<TimelineEvent> implements RandomAccess {
        private final long[] events;
        private final long[] wideTimes;
        private final long base;
        private final int size;
        private final Object[] dictionary;

        Timeline(long[] events, long[] wideTimes, long base, int size, Object[] dictionary) {
            this.events = events;
            this.wideTimes = wideTimes;
            this.base = base;
            this.size = size;
            this.dictionary = dictionary;
        }

        @Override
        public TimelineEvent get(int index) {
            Objects.checkIndex(index, size);
            return event(time(events, wideTimes, base, index), (int) events[index], dictionary);
        }

        @Override
        public int size() {
            return size;
        }

        /** The {@code index}th event's time, without building the event. */
        long timeAt(int index) {
            Objects.checkIndex(index, size);
            return time(events, wideTimes, base, index);
        }

        /** The {@code index}th event's kind, without building the event. */
        EventKind kindAt(int index) {
            Objects.checkIndex(index, size);
            return EventKind.ofOrdinal((int) events[index] & 7);
        }
    }

    /**
     * The protocol and auth type of one event, kept in one dictionary slot: the protocol string alone when there
     * is no auth type (no allocation per row), null when both are absent.
     */
    private record Client(String protocol, String authType) {
        static final Client NONE = new Client(null, null);

        boolean is(String protocol, String authType) {
            return Objects.equals(this.protocol, protocol) && this.authType.equals(authType);
        }

        /** Sorts like the protocol alone did, the auth type breaking ties. */
        @Override
        public String toString() {
            return authType == null ? String.valueOf(protocol) : protocol + "\u0000" + authType;
        }

        // Written out: a record's generated equals and hashCode are bootstrapped through method handles, 21 classes
        // spun at run time in every plan (docs/benchmarks.md, "Start-up, the collector and the tail").
        @Override
        public boolean equals(Object o) {
            return o instanceof Client c && Objects.equals(protocol, c.protocol) && Objects.equals(authType, c.authType);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(protocol) + Objects.hashCode(authType);
        }
    }

    /** The slot of a protocol and auth type, found without allocating when the pair is already in the dictionary. */
    private int clientIndex(String protocol, String authType) {
        if (authType == null) {
            return index(PROTOCOL, protocol);
        }
        int last = (lastIndexes >>> (PROTOCOL * FIELD_BITS)) & MASK;
        if (last != 0 && dictionary[last] instanceof Client c && c.is(protocol, authType)) {
            return last;
        }
        for (int i = 1; i < dictionarySize; i++) {
            if (dictionary[i] instanceof Client c && c.is(protocol, authType)) {
                lastIndexes = lastIndexes & ~(MASK << (PROTOCOL * FIELD_BITS)) | i << (PROTOCOL * FIELD_BITS);
                return i;
            }
        }
        return index(PROTOCOL, new Client(protocol, authType));
    }

    /** The dictionary index of a field's value; the field's previous value is tried first (it usually repeats). */
    private int index(int field, Object value) {
        if (value == null) {
            return 0;
        }
        int last = (lastIndexes >>> (field * FIELD_BITS)) & MASK;
        if (last != 0 && (dictionary[last] == value || dictionary[last].equals(value))) {
            return last;
        }
        int found = find(field, value);
        lastIndexes = lastIndexes & ~(MASK << (field * FIELD_BITS)) | found << (field * FIELD_BITS);
        return found;
    }

    private int find(int field, Object value) {
        for (int i = 1; i < dictionarySize; i++) {
            Object s = dictionary[i];
            if (s == value || s.equals(value)) {
                return i;
            }
        }
        if (dictionarySize == DICT_MAX) {
            return DICT_MAX - 1; // the last slot stands for "one of many others"; never reached in practice
        }
        if (dictionarySize == dictionary.length) {
            dictionary = Arrays.copyOf(dictionary, Math.min(DICT_MAX, dictionary.length * 2));
        }
        dictionary[dictionarySize] = field == MASKED_IP ? value : shared.share(value); // a fleet has about one address per identity: not shared
        return dictionarySize++;
    }
}
