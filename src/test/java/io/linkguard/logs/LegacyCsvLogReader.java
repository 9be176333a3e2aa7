package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The char-level CSV reader as it was before the byte-level {@link CsvLogReader}, kept unchanged as the
 * reference that {@code CsvReaderEquivalenceTest} and {@code ExportedLogsEquivalenceTest} compare against.
 *
 * <p>RFC 4180 reader for the portal's CSV export: a hand-written state machine over a char buffer. Quoted
 * fields may contain commas, doubled quotes and line breaks; records end with CRLF, LF or CR. Lenient where
 * it is safe: text after a closing quote is kept (with a warning), a row with too few/many fields is still
 * delivered (missing cells null, extra cells dropped, with a warning), and wholly blank lines are skipped.
 */
final class LegacyCsvLogReader {
    private static final String EMPTY = "";

    private final Reader in;
    private final Consumer<RawRow> sink;
    private final Warnings warnings;

    private final char[] buf = new char[LogFileReader.BUFFER];
    private int pos;
    private int lim;

    /** Physical line number (1-based) of the current read position. */
    private long line = 1;
    private long recordLine;

    /** Accumulates a field that spans buffer refills or contains doubled quotes. */
    private char[] acc = new char[256];
    private int accLen;

    /** Fields of the current record. */
    private String[] fields = new String[32];
    private int fieldCount;
    private boolean recordIsBlank;

    LegacyCsvLogReader(InputStream in, Charset charset, Consumer<RawRow> sink, Warnings warnings) {
        this.in = new InputStreamReader(in, charset);
        this.sink = sink;
        this.warnings = warnings;
    }

    /** Thrown at end of input inside a quoted field. */
    private static final class UnterminatedQuote extends Exception {
        private static final long serialVersionUID = 1L;

        UnterminatedQuote() {
            super(null, null, false, false);
        }
    }

    ReadSummary run() throws IOException {
        long rows = 0;
        try {
            // Header: the first non-blank record.
            boolean haveHeader;
            do {
                haveHeader = readRecord();
            } while (haveHeader && recordIsBlank);
            if (!haveHeader) {
                return new ReadSummary(LogFormat.PORTAL_CSV, 0, warnings.toList(), null);
            }
            int columns = fieldCount;
            Map<String, Integer> index = new HashMap<>(columns * 2);
            for (int i = 0; i < columns; i++) {
                String name = Columns.normalise(fields[i]);
                if (name.isEmpty()) {
                    warnings.add("header column " + (i + 1) + " has no name; its cells are ignored");
                } else if (index.putIfAbsent(name, i) != null) {
                    warnings.add("header column " + (i + 1) + " repeats column name '" + name
                            + "'; the first one is used");
                }
            }
            index = Collections.unmodifiableMap(index);

            while (readRecord()) {
                if (recordIsBlank && columns > 1) {
                    continue;
                }
                rows++;
                String[] values = Arrays.copyOf(fields, columns);
                if (fieldCount != columns) {
                    if (fieldCount < columns) {
                        Arrays.fill(values, fieldCount, columns, null);
                    }
                    warnings.add("row " + rows + " (line " + recordLine + "): expected " + columns
                            + " fields, found " + fieldCount + (fieldCount < columns
                            ? "; missing cells are empty" : "; extra cells ignored"));
                }
                sink.accept(new RawRow(index, values, rows));
            }
            return new ReadSummary(LogFormat.PORTAL_CSV, rows, warnings.toList(), null);
        } catch (UnterminatedQuote e) {
            return new ReadSummary(LogFormat.PORTAL_CSV, rows, warnings.toList(),
                    "unterminated quoted field at end of input: the record starting on line " + recordLine
                            + " (row " + (rows + 1) + ") was dropped after " + rows + " complete rows");
        } catch (CorruptInputException e) {
            return new ReadSummary(LogFormat.PORTAL_CSV, rows, warnings.toList(), e.getMessage()
                    + "; stopped in the record starting on line " + recordLine + " (row " + (rows + 1)
                    + ") after " + rows + " complete rows");
        }
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        pos = 0;
        lim = Math.max(n, 0);
        return n > 0;
    }

    /** Reads one record into {@link #fields}; false at end of input (no record). */
    private boolean readRecord() throws IOException, UnterminatedQuote {
        fieldCount = 0;
        recordLine = line;
        if (pos >= lim && !fill()) {
            return false;
        }
        boolean quotedSeen = false;
        while (true) {
            String value;
            if (pos >= lim && !fill()) {
                addField(EMPTY); // "a,b," at EOF: trailing empty field
                recordIsBlank = false;
                return true;
            }
            if (buf[pos] == '"') {
                pos++;
                quotedSeen = true;
                value = readQuoted();
            } else {
                value = readUnquoted();
            }
            addField(value);
            if (pos >= lim && !fill()) {
                break;
            }
            char c = buf[pos++];
            if (c == ',') {
                continue;
            }
            line++;
            if (c == '\r') {
                if ((pos < lim || fill()) && buf[pos] == '\n') {
                    pos++;
                }
            }
            break;
        }
        recordIsBlank = fieldCount == 1 && !quotedSeen && fields[0].isEmpty();
        return true;
    }

    private void addField(String value) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fieldCount * 2);
        }
        fields[fieldCount++] = value;
    }

    private void append(char[] src, int from, int len) {
        if (len <= 0) {
            return;
        }
        if (accLen + len > acc.length) {
            acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + len));
        }
        System.arraycopy(src, from, acc, accLen, len);
        accLen += len;
    }

    private void append(char c) {
        if (accLen == acc.length) {
            acc = Arrays.copyOf(acc, acc.length * 2);
        }
        acc[accLen++] = c;
    }

    /** Reads up to (not including) the next ',', CR or LF, or end of input. */
    private String readUnquoted() throws IOException {
        int start = pos;
        boolean spans = false;
        while (true) {
            final char[] b = buf;
            final int l = lim;
            int p = pos;
            while (p < l) {
                char c = b[p];
                if (c == ',' || c == '\n' || c == '\r') {
                    pos = p;
                    if (!spans) {
                        return p == start ? EMPTY : new String(b, start, p - start);
                    }
                    append(b, start, p - start);
                    return new String(acc, 0, accLen);
                }
                p++;
            }
            pos = p;
            if (!spans) {
                spans = true;
                accLen = 0;
            }
            append(b, start, p - start);
            if (!fill()) {
                return new String(acc, 0, accLen);
            }
            start = pos;
        }
    }

    /** Reads a quoted field; {@link #pos} is just after the opening quote. */
    private String readQuoted() throws IOException, UnterminatedQuote {
        int start = pos;
        boolean useAcc = false;
        String value;
        outer:
        while (true) {
            final char[] b = buf;
            final int l = lim;
            int p = pos;
            while (p < l) {
                char c = b[p];
                if (c == '"') {
                    if (!useAcc && p + 1 < l && b[p + 1] != '"') {
                        // Common case: whole field in the buffer, no doubled quotes.
                        value = new String(b, start, p - start);
                        pos = p + 1;
                        break outer;
                    }
                    if (!useAcc) {
                        useAcc = true;
                        accLen = 0;
                    }
                    append(b, start, p - start);
                    pos = p + 1;
                    if (pos >= lim && !fill()) {
                        return new String(acc, 0, accLen); // closing quote at end of input
                    }
                    if (buf[pos] == '"') {
                        append('"');
                        pos++;
                        start = pos;
                        continue outer;
                    }
                    value = new String(acc, 0, accLen);
                    break outer;
                }
                if (c == '\n') {
                    line++;
                }
                p++;
            }
            if (!useAcc) {
                useAcc = true;
                accLen = 0;
            }
            append(b, start, p - start);
            pos = p;
            if (!fill()) {
                throw new UnterminatedQuote();
            }
            start = pos;
        }
        // After the closing quote: expect a delimiter or end of input.
        if (pos < lim || fill()) {
            char c = buf[pos];
            if (c != ',' && c != '\n' && c != '\r') {
                warnings.add("line " + line + ": text after a closing quote; kept as part of the field");
                String rest = readUnquoted();
                return value + rest;
            }
        }
        return value;
    }
}
