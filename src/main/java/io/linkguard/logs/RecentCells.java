package io.linkguard.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last few distinct values of one column (CSV bytes, or a JSON reader's decoded characters; also the SDK
 * versions and protocols {@code evidence.PropertiesScanner} reads from {@code properties_s}). Most cells of a log export repeat from row to row
 * (category, operation, level, result code, the hub's resource id), so a repeat costs one byte comparison
 * instead of decoding a new String, and the rows share one String per value (later equality checks and
 * hashing of those strings are then cheap too). A column whose values seldom repeat (timestamps, JSON)
 * turns the cache off after a short trial.
 */
public final class RecentCells {
    static final int MAX_BYTES = 256;
    private static final int SIZE = 4;
    private static final int TRIAL = 256;

    private final byte[][] bytes = new byte[SIZE][];
    private final char[][] chars = new char[SIZE][];
    private final String[] values = new String[SIZE];
    private int next;
    private int lookups;
    private int hits;
    private boolean off;

    /** After the first {@code TRIAL} lookups, turns the cache off for a column whose values seldom repeat. */
    private void endTrial() {
        if (lookups < TRIAL && ++lookups == TRIAL && hits < TRIAL / 2) {
            off = true;
            Arrays.fill(bytes, null);
            Arrays.fill(chars, null);
            Arrays.fill(values, null);
        }
    }

    /** The UTF-8 text of {@code buf[from, to)}, shared with an earlier row when it had the same bytes. */
    String text(byte[] buf, int from, int to) {
        if (off || to - from > MAX_BYTES) {
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
        }
        endTrial();
        for (int i = 0; i < SIZE; i++) {
            byte[] known = bytes[i];
            if (known != null && Arrays.equals(known, 0, known.length, buf, from, to)) {
                hits++;
                return values[i];
            }
        }
        String value = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (!off) {
            bytes[next] = Arrays.copyOfRange(buf, from, to);
            values[next] = value;
            next = (next + 1) % SIZE;
        }
        return value;
    }

    /** The text of {@code buf[from, from + length)}, shared with an earlier row when it had the same characters. */
    public String text(char[] buf, int from, int length) {
        if (off || length > MAX_BYTES) {
            return new String(buf, from, length);
        }
        endTrial();
        int to = from + length;
        for (int i = 0; i < SIZE; i++) {
            char[] known = chars[i];
            if (known != null && Arrays.equals(known, 0, known.length, buf, from, to)) {
                hits++;
                return values[i];
            }
        }
        String value = new String(buf, from, length);
        if (!off) {
            chars[next] = Arrays.copyOfRange(buf, from, to);
            values[next] = value;
            next = (next + 1) % SIZE;
        }
        return value;
    }
}
