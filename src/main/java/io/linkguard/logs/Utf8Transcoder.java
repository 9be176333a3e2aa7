package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Re-encodes text in another charset (UTF-16 from Windows PowerShell redirection) as UTF-8 bytes, so that the
 * CSV reader only has to handle UTF-8. Malformed input becomes U+FFFD, as an {@link InputStreamReader} does.
 */
final class Utf8Transcoder extends InputStream {
    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final ByteBuffer bytes = ByteBuffer.allocate(4 * 8192);
    private boolean endOfChars;
    private boolean flushed;

    Utf8Transcoder(InputStream in, Charset charset) {
        this.reader = new InputStreamReader(in, charset);
        bytes.flip(); // empty, in read mode
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!bytes.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            encodeMore();
        }
        int n = Math.min(len, bytes.remaining());
        bytes.get(b, off, n);
        return n;
    }

    /** Reads more chars and encodes what can be encoded (a surrogate pair split by a read waits for its half). */
    private void encodeMore() throws IOException {
        if (!endOfChars && reader.read(chars) < 0) {
            endOfChars = true;
        }
        chars.flip();
        bytes.clear();
        encoder.encode(chars, bytes, endOfChars);
        if (endOfChars) {
            encoder.flush(bytes);
            flushed = true;
        }
        chars.compact();
        bytes.flip();
    }
}
