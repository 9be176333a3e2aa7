package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 CSV bytes into records and fields (RFC 4180: quoted fields may contain commas, doubled quotes
 * and line breaks; records end with CRLF, LF or CR). Works on bytes: in UTF-8 the delimiters are ASCII and
 * never part of a multi-byte character, so only the cells a caller asks for ({@link #text}) are decoded.
 *
 * <p>A whole record is kept in one buffer, so a field is always one byte range. When a record runs past the
 * end of the buffer, the buffer is compacted (and grown if the record alone fills it) and the record is
 * scanned again from its start; with 64 KiB buffers that re-scan costs about 1%. A record may not exceed
 * {@link #MAX_RECORD_BYTES}, which bounds memory even for a file with an unterminated quote.
 *
 * <p>Leniency as before: text after a closing quote is kept as part of the field ({@link #trailingTextLines}).
 *
 * <p>Hand-written rather than jackson-dataformat-csv: HandWrittenPieces (JMH, 100,450 simulated rows in memory)
 * reads 1,020,878 rows/s here against 327,610 rows/s for the library's fastest mode (a String[] per record),
 * 3.12x, because only the 9 of 18 columns plan uses are decoded, from bytes; and a bad record is skipped and
 * counted with its reason while the read goes on (docs/benchmarks.md, "Hand-written pieces").
 */
final class CsvRecords {
    static final int MAX_RECORD_BYTES = 64 << 20;

    /** End of input inside a quoted field. */
    static final class UnterminatedQuote extends Exception {
        private static final long serialVersionUID = 1L;

        UnterminatedQuote() {
            super(null, null, false, false);
        }
    }

    /** A record longer than {@link #MAX_RECORD_BYTES}. */
    static final class RecordTooLong extends Exception {
        private static final long serialVersionUID = 1L;

        RecordTooLong() {
            super(null, null, false, false);
        }
    }

    private static final int NEED_MORE = -1;
    private static final int UNTERMINATED = -2;
    private static final byte QUOTED = 1;
    private static final byte DOUBLED_QUOTES = 2;
    private static final byte TRAILING_TEXT = 4;

    private final InputStream in;
    private byte[] buf;
    private int start; // first byte of the current record
    private int lim;
    private boolean eof;
    private IOException pendingFailure;

    private long line = 1;
    private long recordLine = 1;
    private boolean endedByInput; // the current record ended at the end of the input, without a line break

    // The current record: field i is buf[from[i], to[i]), without its opening quote (to[i] is before the
    // delimiter, so a quoted field's range ends with its closing quote, or the text after it).
    private int count;
    private int[] from = new int[32];
    private int[] to = new int[32];
    private byte[] flags = new byte[32];
    private long[] trailingTextLines = new long[4];
    private int trailingTextCount;

    private byte[] unquoted = new byte[256];

    CsvRecords(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Line (1-based) on which the current record starts. */
    long recordLine() {
        return recordLine;
    }

    /** True when the current record has no line break after it: the input ended there (perhaps cut short). */
    boolean endedByInput() {
        return endedByInput;
    }

    int fieldCount() {
        return count;
    }

    /** A wholly blank line: one empty, unquoted field. */
    boolean isBlank() {
        return count == 1 && flags[0] == 0 && from[0] == to[0];
    }

    /**
     * How many fields of this record had text after their closing quote, and on which lines. After a failure,
     * these are the fields of the incomplete record scanned before it.
     */
    int trailingTextCount() {
        return trailingTextCount;
    }

    long trailingTextLine(int i) {
        return trailingTextLines[i];
    }

    /**
     * Reads the next record; false at the end of input. Failures of the stream surface only after every
     * complete record read before them was delivered.
     */
    boolean next() throws IOException, UnterminatedQuote, RecordTooLong {
        recordLine = line;
        trailingTextCount = 0;
        while (true) {
            if (start >= lim && !eof) {
                fill();
                continue;
            }
            if (start >= lim) {
                return false;
            }
            int end = scan();
            if (end == NEED_MORE) {
                fill();
                continue;
            }
            if (end == UNTERMINATED) {
                throw new UnterminatedQuote();
            }
            start = end;
            return true;
        }
    }

    /** Field {@code i} as text (doubled quotes undone); "" for an empty field. */
    String text(int i) {
        return text(i, null);
    }

    /** As {@link #text(int)}, reusing the String of an earlier row with the same bytes when {@code recent} has it. */
    String text(int i, RecentCells recent) {
        byte fl = flags[i];
        int f = from[i];
        int t = fl == QUOTED ? to[i] - 1 : to[i]; // a plain quoted field: drop the closing quote
        if (fl == 0 || fl == QUOTED) {
            if (f == t) {
                return "";
            }
            return recent != null ? recent.text(buf, f, t) : new String(buf, f, t - f, StandardCharsets.UTF_8);
        }
        int length = unquote(f, to[i]); // may replace the unquoted array
        return new String(unquoted, 0, length, StandardCharsets.UTF_8);
    }

    /** Copies a quoted field with doubled quotes or trailing text into {@link #unquoted}; returns its length. */
    private int unquote(int f, int t) {
        if (unquoted.length < t - f) {
            unquoted = new byte[Math.max(t - f, unquoted.length * 2)];
        }
        int n = 0;
        int p = f;
        while (p < t) {
            byte c = buf[p++];
            if (c == '"') {
                if (p < t && buf[p] == '"') {
                    p++; // a doubled quote stands for one
                } else {
                    break; // the closing quote: what follows is kept as it is
                }
            }
            unquoted[n++] = c;
        }
        int rest = t - p;
        System.arraycopy(buf, p, unquoted, n, rest);
        return n + rest;
    }

    /**
     * Scans the record at {@link #start}: the index after its line break, or {@link #NEED_MORE} when the
     * buffer ends first (the caller refills and calls again), or {@link #UNTERMINATED}.
     */
    private int scan() {
        final byte[] b = buf;
        final int l = lim;
        int p = start;
        int n = 0;
        long lines = 0; // line breaks inside quoted fields so far
        trailingTextCount = 0;
        while (true) {
            if (n == from.length) {
                grow();
            }
            byte fl = 0;
            int f = p;
            if (p < l && b[p] == '"') {
                fl = QUOTED;
                f = ++p;
                while (true) { // to the closing quote
                    p = ByteScan.quoteOrLineFeed(b, p, l);
                    if (p >= l) {
                        return eof ? UNTERMINATED : NEED_MORE;
                    }
                    if (b[p] == '\n') {
                        lines++;
                        p++;
                        continue;
                    }
                    if (p + 1 >= l && !eof) {
                        return NEED_MORE; // is it a doubled quote?
                    }
                    if (p + 1 < l && b[p + 1] == '"') {
                        fl |= DOUBLED_QUOTES;
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (p < l && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
                    fl |= TRAILING_TEXT;
                    addTrailingTextLine(line + lines);
                }
            }
            p = ByteScan.delimiter(b, p, l); // the end of an unquoted field, or of the text after a closing quote
            if (p >= l && !eof) {
                return NEED_MORE;
            }
            from[n] = f;
            to[n] = p;
            flags[n] = fl;
            n++;
            if (p >= l) { // end of input ends the record
                count = n;
                endedByInput = true;
                line += lines;
                return p;
            }
            byte c = b[p++];
            if (c == ',') {
                continue;
            }
            if (c == '\r' && (p < l || !eof)) {
                if (p >= l) {
                    return NEED_MORE; // is it CRLF?
                }
                if (b[p] == '\n') {
                    p++;
                }
            }
            count = n;
            endedByInput = false;
            line += lines + 1;
            return p;
        }
    }

    private void addTrailingTextLine(long at) {
        if (trailingTextCount == trailingTextLines.length) {
            trailingTextLines = Arrays.copyOf(trailingTextLines, trailingTextCount * 2);
        }
        trailingTextLines[trailingTextCount++] = at;
    }

    private void grow() {
        int size = from.length * 2;
        from = Arrays.copyOf(from, size);
        to = Arrays.copyOf(to, size);
        flags = Arrays.copyOf(flags, size);
    }

    /** Moves the current record to the front of the buffer (growing it when full) and reads more input. */
    private void fill() throws IOException, RecordTooLong {
        if (pendingFailure != null) {
            throw pendingFailure;
        }
        int kept = lim - start;
        if (kept == buf.length) {
            if (buf.length >= MAX_RECORD_BYTES) {
                throw new RecordTooLong();
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_RECORD_BYTES, buf.length * 2));
        }
        System.arraycopy(buf, start, buf, 0, kept);
        start = 0;
        lim = kept;
        try {
            while (lim < buf.length) {
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    eof = true;
                    return;
                }
                lim += n;
            }
        } catch (IOException e) {
            if (lim == kept) {
                throw e;
            }
            pendingFailure = e; // deliver the records read so far first
        }
    }
}
