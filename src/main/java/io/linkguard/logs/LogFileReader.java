package io.linkguard.logs;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams the rows of an exported AzureDiagnostics log file to a sink. Memory does not grow with the file:
 * besides one record being read, at most a few batches of rows wait between the two threads (see
 * {@link RowHandOff}).
 *
 * <p>Formats are auto-detected: gzip by its 0x1f 0x8b magic (any file name, any number of members); then, after
 * an optional byte order mark and whitespace, {@code [} or <code>{</code> means JSON, whose documents say what
 * they are ({@link JsonLogReader}: az CLI, query API, storage archive, Event Hubs), and anything else
 * {@link LogFormat#PORTAL_CSV}. UTF-8 is assumed unless a UTF-16 byte order mark says otherwise (Windows
 * PowerShell 5 redirection writes UTF-16LE).
 *
 * <p>Corrupt input (truncated gzip, broken JSON, an unterminated CSV quote) does not throw: reading stops,
 * the rows already delivered stand, and {@link ReadSummary#stoppedBecause()} says where and why; so it does for
 * input that may lack rows it should hold (a partial query result, data after the gzip stream, a row cut by the
 * end of the input) and for input that is empty or not recognised. Genuine I/O errors (missing file, unreadable
 * device) and exceptions thrown by the sink propagate.
 *
 * <p>Rows are delivered on the calling thread, in input order; the file is tokenised on a second thread
 * meanwhile ({@link RowHandOff}), and gzip is decompressed on a third. {@link RawRow#position()} is the 1-based
 * row number (data rows, header excluded). With a {@link ColumnSelection}, only the selected cells are decoded.
 */
public final class LogFileReader {
    static final int BUFFER = 1 << 16;

    private LogFileReader() {
    }

    /** Reads every column of {@code file} (plain or gzipped, any supported format). */
    public static ReadSummary read(Path file, Consumer<RawRow> sink) throws IOException {
        return read(file, ColumnSelection.all(), sink);
    }

    /** Reads {@code file} (plain or gzipped, any supported format), decoding only the selected columns. */
    public static ReadSummary read(Path file, ColumnSelection columns, Consumer<RawRow> sink) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        try (InputStream in = new Sequential(Files.newInputStream(file))) {
            return read(in, columns, sink);
        } catch (FileSystemException e) {
            throw e; // already names the path (NoSuchFileException, AccessDeniedException, ...)
        } catch (IOException e) {
            throw new IOException("Error reading " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stream (plain or gzipped, any supported format), e.g. {@code System.in} for a "-" argument.
     * The stream is read to the end of the data (or to the point of corruption) but not closed.
     */
    public static ReadSummary read(InputStream in, Consumer<RawRow> sink) throws IOException {
        return read(in, ColumnSelection.all(), sink);
    }

    /** As {@link #read(InputStream, Consumer)}, decoding only the selected columns. */
    public static ReadSummary read(InputStream in, ColumnSelection columns, Consumer<RawRow> sink)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(sink, "sink");
        return RowHandOff.run(rows -> readHere(in, columns, rows), sink);
    }

    /** The read itself, delivering rows on the thread it runs on. */
    private static ReadSummary readHere(InputStream in, ColumnSelection columns, Consumer<RawRow> sink)
            throws IOException {
        Warnings warnings = new Warnings();
        BufferedInputStream raw = new BufferedInputStream(in, BUFFER);
        PrefetchInputStream prefetch = null;
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = b0 < 0 ? -1 : raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            BufferedInputStream data = raw;
            if (gzip) {
                // Decompress on a second core while this thread parses.
                prefetch = new PrefetchInputStream(GzipMembers.open(raw, warnings));
                data = new BufferedInputStream(prefetch, BUFFER);
            }
            Detected d = detect(data);
            if (d.format == null) {
                return new ReadSummary(LogFormat.UNRECOGNISED, 0, warnings.toList(),
                        "the input is empty" + (gzip ? " (after gzip decompression)" : ""));
            }
            return switch (d.format) {
                case PORTAL_CSV -> new CsvLogReader(d.charset == StandardCharsets.UTF_8 ? data
                        : new Utf8Transcoder(data, d.charset), columns, sink, warnings).run();
                default -> new JsonLogReader(data, d.charset, gzip, d.skipped, columns, sink, warnings).run();
            };
        } catch (CorruptInputException e) {
            // Only before the first row (gzip header, detection); the readers report their own.
            return new ReadSummary(LogFormat.UNRECOGNISED, 0, warnings.toList(), e.getMessage());
        } finally {
            if (prefetch != null) {
                prefetch.close();
            }
        }
    }

    /**
     * Reads without seeking: {@code skip} reads and discards, {@code available} promises nothing. A file that is
     * a pipe ({@code /dev/stdin}, a shell's {@code <(cmd)}) then reads like any other instead of failing with
     * "Illegal seek".
     */
    private static final class Sequential extends FilterInputStream {
        Sequential(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public long skip(long n) throws IOException {
            long left = n;
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
            while (left > 0) {
                int k = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (k < 0) {
                    break;
                }
                left -= k;
            }
            return n - left;
        }
    }

    static final class Detected {
        LogFormat format; // null: empty input
        Charset charset = StandardCharsets.UTF_8;
        long skipped;
    }

    /** Consumes a byte order mark and leading whitespace, leaving the stream at the first significant byte. */
    static Detected detect(BufferedInputStream in) throws IOException {
        Detected d = new Detected();
        in.mark(4);
        int b0 = in.read();
        int b1 = b0 < 0 ? -1 : in.read();
        int b2 = b1 < 0 ? -1 : in.read();
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            d.skipped = 3;
        } else {
            in.reset();
            if (b0 == 0xFF && b1 == 0xFE) {
                d.charset = StandardCharsets.UTF_16LE;
                in.skipNBytes(2);
                d.skipped = 2;
            } else if (b0 == 0xFE && b1 == 0xFF) {
                d.charset = StandardCharsets.UTF_16BE;
                in.skipNBytes(2);
                d.skipped = 2;
            }
        }
        int unit = d.charset == StandardCharsets.UTF_8 ? 1 : 2;
        while (true) {
            in.mark(unit);
            int c;
            if (unit == 1) {
                c = in.read();
            } else {
                int x = in.read();
                int y = x < 0 ? -1 : in.read();
                if (y < 0) {
                    c = -1;
                } else {
                    c = d.charset == StandardCharsets.UTF_16LE ? (x | (y << 8)) : ((x << 8) | y);
                }
            }
            if (c < 0) {
                return d; // only whitespace: empty
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                d.skipped += unit;
                continue;
            }
            in.reset();
            // JSON: the reader tells az CLI, query API, storage archive and Event Hubs apart by their content.
            d.format = c == '[' ? LogFormat.AZ_CLI_JSON : c == '{' ? LogFormat.QUERY_API_JSON : LogFormat.PORTAL_CSV;
            return d;
        }
    }
}
