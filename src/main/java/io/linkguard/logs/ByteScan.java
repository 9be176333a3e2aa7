package io.linkguard.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CSV delimiter in a byte array eight bytes at a time. Most bytes of an export are inside
 * long fields (resource ids, properties JSON), so testing a whole {@code long} per step instead of one byte
 * roughly halves the reader's scanning time.
 *
 * <p>The test is the classic "does this word contain a zero byte" trick: {@code x = word ^ (c * 0x01..01)}
 * has a zero byte exactly where {@code word} has byte {@code c}, and {@code (x - 0x01..01) & ~x & 0x80..80}
 * sets the high bit of the lowest such byte (higher bits may be false positives, so only the lowest one is
 * used). Little-endian reads make the lowest set bit the first byte in memory.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ',' * ONES;
    private static final long LFS = '\n' * ONES;
    private static final long CRS = '\r' * ONES;
    private static final long QUOTES = '"' * ONES;

    private ByteScan() {
    }

    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** Index of the first ',', LF or CR in {@code b[from, to)}, or {@code to}. */
    static int delimiter(byte[] b, int from, int to) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long word = (long) LONGS.get(b, p);
            long found = zeroBytes(word ^ COMMAS) | zeroBytes(word ^ LFS) | zeroBytes(word ^ CRS);
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; p < to; p++) {
            byte c = b[p];
            if (c == ',' || c == '\n' || c == '\r') {
                return p;
            }
        }
        return to;
    }

    /** Index of the first '"' or LF in {@code b[from, to)}, or {@code to}. */
    static int quoteOrLineFeed(byte[] b, int from, int to) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long word = (long) LONGS.get(b, p);
            long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ LFS);
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; p < to; p++) {
            byte c = b[p];
            if (c == '"' || c == '\n') {
                return p;
            }
        }
        return to;
    }
}
