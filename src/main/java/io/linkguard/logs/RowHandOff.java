package io.linkguard.logs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a reader on a second thread and hands its rows to the calling thread in batches, so that tokenising
 * the file and what the sink does with each row (parsing, collecting) use two cores. The sink still gets
 * every row on the calling thread, in input order.
 *
 * <p>Memory stays bounded: at most {@link #DEPTH} batches wait, each of at most {@link #BATCH_ROWS} rows or
 * about {@link #BATCH_CHARS} characters of cell text. A failure of the reader reaches the caller after the
 * rows read before it; if the sink throws, the reader is stopped and the sink's exception propagates.
 */
final class RowHandOff {
    static final int BATCH_ROWS = 512;
    static final int BATCH_CHARS = 1 << 20;
    static final int DEPTH = 4;
    private static final long JOIN_MILLIS = 10_000;

    /** A read that delivers its rows to a sink (on the thread it runs on). */
    interface Reading {
        ReadSummary run(Consumer<RawRow> sink) throws IOException;
    }

    private record Batch(RawRow[] rows, int size) {
    }

    private record End(ReadSummary summary, Throwable failure) {
    }

    /** Thrown inside the reader thread to unwind the reader once the caller has given up. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private volatile boolean cancelled;

    private RowHandOff() {
    }

    static ReadSummary run(Reading reading, Consumer<RawRow> sink) throws IOException {
        return new RowHandOff().handOff(reading, sink);
    }

    private ReadSummary handOff(Reading reading, Consumer<RawRow> sink) throws IOException {
        Thread reader = new Thread(() -> produce(reading), "linkguard-log-reader");
        reader.setDaemon(true);
        reader.start();
        boolean done = false;
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof Batch batch) {
                    for (int i = 0; i < batch.size(); i++) {
                        sink.accept(batch.rows()[i]);
                    }
                } else {
                    End end = (End) item;
                    done = true;
                    reader.join();
                    return rethrowOr(end);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the log file");
        } finally {
            if (!done) {
                stop(reader);
            }
        }
    }

    private void produce(Reading reading) {
        Batcher batcher = new Batcher();
        End end;
        try {
            ReadSummary summary = reading.run(batcher);
            batcher.flush();
            end = new End(summary, null);
        } catch (Cancelled e) {
            return;
        } catch (Throwable e) {
            try {
                batcher.flush(); // the rows read before the failure come first, as on one thread
            } catch (Cancelled c) {
                return;
            }
            end = new End(null, e);
        }
        put(end);
    }

    /** Blocks while the queue is full; gives up (throws {@link Cancelled}) once the caller has stopped. */
    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
    }

    /**
     * Stops the reader after the sink failed. No interrupt: it would close an interruptible channel the caller
     * owns. The reader notices at its next row, or within 100 ms while it waits for queue space.
     */
    private void stop(Thread reader) {
        cancelled = true;
        queue.clear();
        try {
            reader.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ReadSummary rethrowOr(End end) throws IOException {
        Throwable failure = end.failure();
        if (failure == null) {
            return end.summary();
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("log reader failed", failure); // Reading.run throws nothing else
    }

    /** The reader's sink: collects rows into batches and queues each full one. */
    private final class Batcher implements Consumer<RawRow> {
        private RawRow[] rows = new RawRow[BATCH_ROWS];
        private int size;
        private long chars;

        @Override
        public void accept(RawRow row) {
            if (cancelled) {
                throw new Cancelled();
            }
            rows[size++] = row;
            chars += row.textLength();
            if (size == rows.length || chars >= BATCH_CHARS) {
                flush();
            }
        }

        void flush() {
            if (size > 0) {
                put(new Batch(rows, size));
                rows = new RawRow[BATCH_ROWS];
                size = 0;
                chars = 0;
            }
        }
    }
}
