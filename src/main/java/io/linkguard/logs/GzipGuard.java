package io.linkguard.logs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Streams for gzip input: counts compressed bytes consumed and turns decompression failures (truncated or
 * corrupt data) into {@link CorruptInputException}, while real I/O errors of the underlying stream pass
 * through unchanged.
 */
final class GzipGuard {
    private GzipGuard() {
    }

    static final int BUFFER = 1 << 16;

    /** Opens a gzip stream over {@code raw} (positioned at the 0x1f 0x8b magic). */
    static InputStream open(InputStream raw) throws IOException {
        Counting counting = new Counting(raw);
        GZIPInputStream gz;
        try {
            gz = new GZIPInputStream(counting, BUFFER);
        } catch (IOException e) {
            if (counting.failed) {
                throw e;
            }
            throw new CorruptInputException("gzip header is truncated or corrupt (" + e.getMessage() + ")", e);
        }
        return new Guard(gz, counting);
    }

    /** Counts bytes and remembers whether the underlying stream itself failed. */
    static final class Counting extends FilterInputStream {
        long count;
        boolean failed;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                if (b >= 0) {
                    count++;
                }
                return b;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                long k = in.skip(n);
                count += Math.max(0, k);
                return k;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    private static final class Guard extends FilterInputStream {
        private final Counting counting;

        Guard(InputStream gz, Counting counting) {
            super(gz);
            this.counting = counting;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        private IOException translate(IOException e) {
            if (counting.failed || e instanceof CorruptInputException) {
                return e;
            }
            return new CorruptInputException("gzip data is truncated or corrupt near compressed byte offset "
                    + counting.count + " (" + e.getMessage() + ")", e);
        }
    }
}
