package io.linkguard.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-thread hand-off behind {@link LogFileReader}: order, failures on either side, and shutdown. */
class RowHandOffTest {

    /** CSV rows "n" = 1..rows, then an I/O error from the device. */
    static final class FailingStream extends InputStream {
        private final byte[] data;
        private int at;

        FailingStream(int rows) {
            StringBuilder sb = new StringBuilder("n\n");
            for (int i = 1; i <= rows; i++) {
                sb.append(i).append('\n');
            }
            data = sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at >= data.length) {
                throw new IOException("device error");
            }
            int n = Math.min(len, Math.min(1000, data.length - at));
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("linkguard-log-reader") && t.isAlive());
    }

    @Test
    void rowsArriveOnTheCallingThreadInOrderAcrossManyBatches() throws IOException {
        Thread caller = Thread.currentThread();
        List<Long> seen = new ArrayList<>();
        int rows = RowHandOff.BATCH_ROWS * 5 + 17;
        ReadSummary s = RowHandOff.run(sink -> {
            for (long i = 1; i <= rows; i++) {
                sink.accept(new RawRow(java.util.Map.of("n", 0), new String[] {Long.toString(i)}, i));
            }
            return new ReadSummary(LogFormat.PORTAL_CSV, rows, List.of(), null);
        }, row -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(Long.parseLong(row.get("n")));
        });
        assertThat(s.rows()).isEqualTo(rows);
        assertThat(seen).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void aReaderFailureComesAfterTheRowsReadBeforeIt() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> LogFileReader.read(new FailingStream(3000), row -> seen.add(row.get("n"))))
                .isInstanceOf(IOException.class).hasMessage("device error");
        assertThat(seen).hasSize(3000);
        assertThat(seen.get(2999)).isEqualTo("3000");
    }

    @Test
    void aFailingSinkStopsTheReaderThread() throws InterruptedException {
        int[] calls = {0};
        assertThatThrownBy(() -> LogFileReader.read(new LogFileReaderTest.GeneratedStream("n\n", 1_000_000,
                i -> i + "\n", ""), row -> {
                    if (++calls[0] == 10) {
                        throw new IllegalStateException("sink full");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("sink full");
        assertThat(calls[0]).isEqualTo(10);
        for (int i = 0; i < 50 && readerThreadAlive(); i++) {
            Thread.sleep(20);
        }
        assertThat(readerThreadAlive()).as("reader thread still running").isFalse();
    }

    @Test
    void theReaderRunsAheadByAFewBatchesOnlyAndBatchesAreCutByTextSize() throws IOException, InterruptedException {
        // Rows of 100,000 characters: a batch is cut at about BATCH_CHARS of text (11 rows), not at BATCH_ROWS.
        String big = "x".repeat(100_000);
        int rowsPerBatch = RowHandOff.BATCH_CHARS / big.length() + 1;
        long bound = (RowHandOff.DEPTH + 2L) * rowsPerBatch; // queued, being handed over, being filled
        java.util.concurrent.atomic.AtomicLong produced = new java.util.concurrent.atomic.AtomicLong();
        long[] consumed = {0};
        long[] furthestAhead = {0};
        RowHandOff.run(sink -> {
            for (long i = 1; i <= 300; i++) {
                produced.incrementAndGet();
                sink.accept(new RawRow(java.util.Map.of("v", 0), new String[] {big}, i));
            }
            return new ReadSummary(LogFormat.PORTAL_CSV, 300, List.of(), null);
        }, row -> {
            consumed[0]++;
            furthestAhead[0] = Math.max(furthestAhead[0], produced.get() - consumed[0]);
            if (consumed[0] % 10 == 0) {
                try {
                    Thread.sleep(2); // a slow sink: the reader fills the queue
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(consumed[0]).isEqualTo(300);
        assertThat(furthestAhead[0]).isPositive().isLessThanOrEqualTo(bound);
    }
}
