package io.linkguard.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefetchInputStreamTest {

    /** Many more chunks than the queue and the spare list hold, so reused chunks are refilled while others are read. */
    @Test
    void deliversEveryByteInOrderWhileChunksAreReused() throws IOException {
        byte[] data = new byte[PrefetchInputStream.CHUNK * 23 + 12_345];
        new Random(7).nextBytes(data);
        Random sizes = new Random(11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrefetchInputStream in = new PrefetchInputStream(new TrickleInputStream(data))) {
            byte[] buffer = new byte[PrefetchInputStream.CHUNK + 17];
            for (int n; ; ) {
                if (sizes.nextInt(50) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                    continue;
                }
                n = in.read(buffer, 3, 1 + sizes.nextInt(buffer.length - 3));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 3, n);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFailureComesAfterTheBytesReadBeforeIt() throws IOException {
        byte[] data = new byte[PrefetchInputStream.CHUNK * 3 + 5];
        new Random(3).nextBytes(data);
        InputStream failing = new InputStream() {
            private final InputStream in = new ByteArrayInputStream(data);

            @Override
            public int read() throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, Math.min(len, 1000));
                if (n < 0) {
                    throw new IOException("truncated gzip");
                }
                return n;
            }
        };
        try (PrefetchInputStream in = new PrefetchInputStream(failing)) {
            assertThat(in.readNBytes(data.length)).isEqualTo(data);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("truncated gzip");
        }
    }

    /** Hands out a few bytes at a time, as an inflater does. */
    private static final class TrickleInputStream extends InputStream {
        private final ByteArrayInputStream in;
        private final Random sizes = new Random(5);

        TrickleInputStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1 + sizes.nextInt(70_000)));
        }
    }
}
