package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A byte-level reader for the usual az CLI export: one array of flat objects whose values are strings, numbers,
 * booleans or null, in UTF-8. Selected cells are decoded, the others only checked, without Jackson's tokens.
 * Anything else (a nested value, a key with an escape or a non-ASCII byte, malformed UTF-8 or JSON, another
 * document after the array, an element that is not an object, corrupt gzip, a value over {@link #MAX_TOKEN_BYTES})
 * stops it with {@link Unusual}, saying how many rows it delivered; {@link LogFileReader} then reads the file
 * again from its start with {@link JsonLogReader}, the reference, which passes over those rows and reports the
 * rest (warnings, skips and stop reasons with their positions) as it always has. It accepts only JSON that
 * Jackson reads to the same cells, so the rows it delivers are the reference's first rows.
 *
 * <p>Why: with the row parser on the reader's thread, Jackson's tokenising (every key and value of about 20 per
 * row, the escaped {@code properties_s} unescaped) was the bulk of that thread's time on az CLI JSON
 * (docs/benchmarks.md, "Where plan's time goes").
 */
final class AzJsonRows {
    static final int MAX_TOKEN_BYTES = 1 << 20;
    // Far below Jackson's StreamReadConstraints (1,000 digits, 50,000 characters of a name): longer is Jackson's.
    private static final int MAX_NUMBER_BYTES = 100;
    private static final int MAX_KEY_BYTES = 1_000;
    private static final int NO_TOKEN = Integer.MAX_VALUE;
    private static final String AZ_TABLE_NAME_KEY = "TableName";

    /** The reader met something it leaves to Jackson, after delivering {@link #delivered()} rows. */
    static final class Unusual extends Exception {
        private static final long serialVersionUID = 1L;
        private final long delivered;

        Unusual(long delivered) {
            super(null, null, false, false);
            this.delivered = delivered;
        }

        long delivered() {
            return delivered;
        }
    }

    private final InputStream in;
    private final ColumnSelection selection;
    private final Consumer<RawRow> sink;
    private byte[] buf = new byte[LogFileReader.BUFFER];
    private int pos;
    private int lim;
    private int tokenStart = NO_TOKEN; // the token being read, kept across refills
    private long rows;

    // Keys seen at each place in an object, with their slot (-1: not selected, -2: az CLI's TableName).
    private byte[][] keys = new byte[32][];
    private int[] keySlots = new int[32];
    private Map<String, Integer> index = Collections.emptyMap();
    private RecentCells[] recent = new RecentCells[0];
    private String[] scratch = new String[0];
    private char[] chars = new char[256];

    AzJsonRows(InputStream in, ColumnSelection selection, Consumer<RawRow> sink) {
        this.in = in;
        this.selection = selection;
        this.sink = sink;
    }

    /** Reads the document from its {@code [} to the end of the input; returns the rows delivered. */
    long run() throws IOException, Unusual {
        try {
            expect('[');
            int b = skipSpace();
            if (b == ']') {
                return end();
            }
            while (true) {
                if (b != '{') {
                    throw unusual();
                }
                pos++;
                row();
                b = skipSpace();
                if (b == ']') {
                    return end();
                }
                if (b != ',') {
                    throw unusual();
                }
                pos++;
                b = skipSpace();
            }
        } catch (CorruptInputException e) {
            throw unusual(); // Jackson says where, and keeps the same rows
        }
    }

    private long end() throws IOException, Unusual {
        pos++;
        if (skipSpace() != -1) {
            throw unusual(); // another document follows: Jackson reads and warns
        }
        return rows;
    }

    private Unusual unusual() {
        return new Unusual(rows);
    }

    /** One object, after its {@code {}. */
    private void row() throws IOException, Unusual {
        Arrays.fill(scratch, null);
        int b = skipSpace();
        if (b != '"') {
            throw unusual(); // an empty object, or a key that is not a string
        }
        for (int field = 0; ; field++) {
            int slot = key(field);
            if (skipSpace() != ':') {
                throw unusual();
            }
            pos++;
            b = skipSpace();
            String text = value(b, slot >= 0 ? recent[slot] : null, slot >= 0);
            if (slot >= 0) {
                scratch[slot] = text;
            }
            b = skipSpace();
            if (b == '}') {
                pos++;
                break;
            }
            if (b != ',') {
                throw unusual();
            }
            pos++;
            if (skipSpace() != '"') {
                throw unusual();
            }
        }
        rows++;
        sink.accept(new RawRow(index, scratch.clone(), rows));
    }

    /** Reads a key (at its opening quote); returns its slot, -1 when its value is not kept. */
    private int key(int field) throws IOException, Unusual {
        pos++;
        tokenStart = pos;
        while (true) {
            if (pos >= lim && !fill()) {
                throw unusual();
            }
            byte c = buf[pos];
            if (c == '"') {
                break;
            }
            if (c < 0x20 || c == '\\') { // negative: a non-ASCII byte
                throw unusual();
            }
            pos++;
        }
        int from = tokenStart;
        int to = pos++;
        tokenStart = NO_TOKEN;
        if (to - from > MAX_KEY_BYTES) {
            throw unusual();
        }
        if (field >= keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
            keySlots = Arrays.copyOf(keySlots, keySlots.length * 2);
        }
        byte[] known = keys[field];
        if (known != null && Arrays.equals(known, 0, known.length, buf, from, to)) {
            return keySlots[field];
        }
        keys[field] = Arrays.copyOfRange(buf, from, to);
        keySlots[field] = slotOf(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
        return keySlots[field];
    }

    private int slotOf(String name) {
        if (AZ_TABLE_NAME_KEY.equals(name)) {
            return -1;
        }
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        if (!selection.includes(name)) {
            return -1;
        }
        // A new column: copy-on-write, so rows already delivered keep their (immutable) map.
        Map<String, Integer> grown = new HashMap<>(Math.max(16, (index.size() + 1) * 2));
        grown.putAll(index);
        int slot = index.size();
        grown.put(selection.canonical(name), slot);
        index = Collections.unmodifiableMap(grown);
        scratch = Arrays.copyOf(scratch, slot + 1);
        recent = Arrays.copyOf(recent, slot + 1);
        recent[slot] = new RecentCells();
        return slot;
    }

    /** A value at {@code b}: its text as Jackson's reader gives it when {@code keep}, else null. */
    private String value(int b, RecentCells cells, boolean keep) throws IOException, Unusual {
        switch (b) {
            case '"':
                return string(cells, keep);
            case 'n':
                literal("null");
                return null;
            case 't':
                literal("true");
                return keep ? "true" : null;
            case 'f':
                literal("false");
                return keep ? "false" : null;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number(keep);
                }
                throw unusual(); // a nested object or array, or not JSON
        }
    }

    private void literal(String word) throws IOException, Unusual {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= lim && !fill() || buf[pos] != word.charAt(i)) {
                throw unusual();
            }
            pos++;
        }
        int b = peek();
        if (b != ',' && b != '}' && !space(b)) {
            throw unusual();
        }
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? followed by a separator, as Jackson requires by default. */
    private String number(boolean keep) throws IOException, Unusual {
        tokenStart = pos;
        if (peek() == '-') {
            pos++;
        }
        int first = peek();
        if (first == '0') {
            pos++;
        } else if (digits() == 0) {
            throw unusual();
        }
        if (peek() == '.') {
            pos++;
            if (digits() == 0) {
                throw unusual();
            }
        }
        int e = peek();
        if (e == 'e' || e == 'E') {
            pos++;
            int sign = peek();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw unusual();
            }
        }
        int after = peek();
        if (after != ',' && after != '}' && !space(after) || pos - tokenStart > MAX_NUMBER_BYTES) {
            throw unusual(); // leading zeros, a letter, ...
        }
        String text = keep ? new String(buf, tokenStart, pos - tokenStart, StandardCharsets.ISO_8859_1) : null;
        tokenStart = NO_TOKEN;
        return text;
    }

    private int digits() throws IOException, Unusual {
        int n = 0;
        for (int c = peek(); c >= '0' && c <= '9'; c = peek()) {
            pos++;
            n++;
        }
        return n;
    }

    /**
     * A string value (at its opening quote), checked as Jackson checks it: no control characters, only JSON's
     * escapes, well-formed UTF-8. Returns its text when {@code keep}.
     */
    private String string(RecentCells cells, boolean keep) throws IOException, Unusual {
        pos++;
        tokenStart = pos;
        boolean plain = true;
        while (true) {
            if (pos >= lim && !fill()) {
                throw unusual();
            }
            byte c = buf[pos];
            if (c == '"') {
                break;
            }
            if (c >= 0x20 && c != '\\') {
                pos++;
            } else if (c == '\\') {
                plain = false;
                escape();
            } else if (c < 0) {
                utf8(c);
            } else {
                throw unusual(); // an unescaped control character
            }
        }
        int from = tokenStart;
        int to = pos++;
        tokenStart = NO_TOKEN;
        if (!keep) {
            return null;
        }
        return plain ? cells.text(buf, from, to) : unescape(from, to);
    }

    /** Checks the escape at {@code pos} (a backslash) and moves past it. */
    private void escape() throws IOException, Unusual {
        pos++;
        if (pos >= lim && !fill()) {
            throw unusual();
        }
        switch (buf[pos++]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
            }
            case 'u' -> {
                for (int i = 0; i < 4; i++) {
                    if (pos >= lim && !fill() || Character.digit(buf[pos], 16) < 0) {
                        throw unusual();
                    }
                    pos++;
                }
            }
            default -> throw unusual();
        }
    }

    /** Checks the well-formed UTF-8 sequence starting with {@code lead} at {@code pos} and moves past it. */
    private void utf8(byte lead) throws IOException, Unusual {
        int b0 = lead & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 1;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 2;
            lo = b0 == 0xe0 ? 0xa0 : 0x80;
            hi = b0 == 0xed ? 0x9f : 0xbf;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 3;
            lo = b0 == 0xf0 ? 0x90 : 0x80;
            hi = b0 == 0xf4 ? 0x8f : 0xbf;
        } else {
            throw unusual();
        }
        pos++;
        for (int i = 0; i < n; i++) {
            if (pos >= lim && !fill()) {
                throw unusual();
            }
            int b = buf[pos] & 0xff;
            if (b < (i == 0 ? lo : 0x80) || b > (i == 0 ? hi : 0xbf)) {
                throw unusual();
            }
            pos++;
        }
    }

    /** The text of a checked string with escapes in {@code buf[from, to)}. */
    private String unescape(int from, int to) {
        if (chars.length < to - from) {
            chars = new char[Math.max(to - from, chars.length * 2)];
        }
        int n = 0;
        int i = from;
        while (i < to) {
            int b = buf[i] & 0xff;
            if (b == '\\') {
                byte e = buf[i + 1];
                i += 2;
                chars[n++] = switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'u' -> {
                        char u = (char) Integer.parseInt(new String(buf, i, 4, StandardCharsets.ISO_8859_1), 16);
                        i += 4;
                        yield u;
                    }
                    default -> (char) e; // " \ /
                };
            } else if (b < 0x80) {
                chars[n++] = (char) b;
                i++;
            } else if (b < 0xe0) {
                chars[n++] = (char) (((b & 0x1f) << 6) | (buf[i + 1] & 0x3f));
                i += 2;
            } else if (b < 0xf0) {
                chars[n++] = (char) (((b & 0x0f) << 12) | ((buf[i + 1] & 0x3f) << 6) | (buf[i + 2] & 0x3f));
                i += 3;
            } else {
                int cp = ((b & 0x07) << 18) | ((buf[i + 1] & 0x3f) << 12) | ((buf[i + 2] & 0x3f) << 6)
                        | (buf[i + 3] & 0x3f);
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return new String(chars, 0, n);
    }

    private void expect(char c) throws IOException, Unusual {
        if (skipSpace() != c) {
            throw unusual();
        }
        pos++;
    }

    private static boolean space(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The byte at {@code pos} after JSON whitespace, or -1 at the end of the input. */
    private int skipSpace() throws IOException, Unusual {
        while (true) {
            if (pos >= lim && !fill()) {
                return -1;
            }
            byte c = buf[pos];
            if (!space(c)) {
                return c;
            }
            pos++;
        }
    }

    private int peek() throws IOException, Unusual {
        return pos >= lim && !fill() ? -1 : buf[pos];
    }

    /**
     * Reads more input, keeping the token being read ({@code buf[tokenStart, lim)}) when {@code pos} is inside one.
     * False at the end of the input.
     */
    private boolean fill() throws IOException, Unusual {
        int keep = Math.min(tokenStart, pos);
        if (pos - keep > MAX_TOKEN_BYTES) {
            throw unusual();
        }
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, lim - keep);
            lim -= keep;
            pos -= keep;
            if (tokenStart != NO_TOKEN) {
                tokenStart -= keep;
            }
        }
        if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n <= 0) {
            return false;
        }
        lim += n;
        return true;
    }
}
