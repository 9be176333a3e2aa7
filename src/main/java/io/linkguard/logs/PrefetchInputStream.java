package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an expensive stream (gzip decompression) on a background daemon thread so that decompression and
 * parsing use two cores. Holds at most {@link #DEPTH} chunks of {@link #CHUNK} bytes. Exceptions of the
 * source are rethrown to the reader, in order, after the data read before them.
 */
final class PrefetchInputStream extends InputStream {
    static final int CHUNK = 1 << 18;
    static final int DEPTH = 4;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    /** Chunks the reader has finished with, for the producer to fill again: no new array per chunk to collect. */
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread thread;
    private volatile boolean closed;

    private byte[] current = new byte[0];
    private int pos;
    private int lim;
    private boolean finished;
    private IOException failure;

    PrefetchInputStream(InputStream source) {
        thread = new Thread(() -> produce(source), "linkguard-log-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(InputStream source) {
        Object last = END;
        try {
            boolean more = true;
            while (more && !closed) {
                byte[] chunk = spare.poll();
                if (chunk == null) {
                    chunk = new byte[CHUNK];
                }
                int n = 0;
                try {
                    while (n < CHUNK) {
                        int k = source.read(chunk, n, CHUNK - n);
                        if (k < 0) {
                            more = false;
                            break;
                        }
                        n += k;
                    }
                } catch (IOException | RuntimeException e) {
                    // What was decoded before the failure is delivered before it.
                    if (n > 0 && !put(new Chunk(chunk, n))) {
                        return;
                    }
                    throw e;
                }
                if (n > 0 && !put(new Chunk(chunk, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            last = e;
        } catch (RuntimeException | Error e) {
            last = new IOException("prefetch failed: " + e, e);
        }
        put(last);
    }

    private boolean put(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private record Chunk(byte[] data, int length) {
    }

    private boolean next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return false;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (item instanceof Chunk c) {
            if (current.length == CHUNK) {
                spare.offer(current); // read() copies out of it and keeps no reference, so it can be filled again
            }
            current = c.data;
            pos = 0;
            lim = c.length;
            return true;
        }
        finished = true;
        if (item instanceof IOException e) {
            failure = e;
            throw e;
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        if (pos >= lim && !next()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= lim && !next()) {
            return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return lim - pos;
    }

    /** Stops the background thread (it exits at its next chunk boundary); does not close the source. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        thread.interrupt();
    }
}
