package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses gzip (RFC 1952) member after member until the end of the input, checking each member's CRC-32
 * and length. {@link java.util.zip.GZIPInputStream} is not used because it silently ignores whatever follows a
 * member that is not another gzip header, and looks for further members only when {@code available()} says
 * bytes are waiting, which a pipe never promises.
 *
 * <p>Structural failures (a truncated or corrupt header, deflate data or trailer, non-gzip data after a member)
 * become {@link CorruptInputException} after every byte decoded before them was returned; I/O errors of the
 * underlying stream pass through unchanged. Trailing zero bytes (block padding) are ignored with a warning.
 */
final class GzipMembers extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Warnings warnings;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long consumed; // compressed bytes before buf[0]
    private boolean eof;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberBytes;
    private int members;
    private boolean inMember;
    private boolean finished;

    private GzipMembers(InputStream in, Warnings warnings) {
        this.in = in;
        this.warnings = warnings;
    }

    /** Opens a gzip stream over {@code raw} (positioned at the 0x1f 0x8b magic), reading the first header. */
    static InputStream open(InputStream raw, Warnings warnings) throws IOException {
        GzipMembers g = new GzipMembers(raw, warnings);
        g.startMember();
        return g;
    }

    private long offset() {
        return consumed + pos;
    }

    /** The next compressed byte, or -1 at the end of the input. */
    private int nextByte() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private int headerByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw corrupt("gzip header of member " + (members + 1) + " is truncated", null);
        }
        return b;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        consumed += lim;
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim = n;
        return true;
    }

    private void startMember() throws IOException {
        long at = offset();
        int id1 = headerByte();
        int id2 = headerByte();
        int method = headerByte();
        if (id1 != 0x1f || id2 != 0x8b || method != 8) {
            throw corrupt("gzip header at compressed byte offset " + at + " is corrupt (not gzip/deflate)", null);
        }
        int flags = headerByte();
        for (int i = 0; i < 6; i++) {
            headerByte(); // MTIME, XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte() | headerByte() << 8;
            for (int i = 0; i < length; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // the original file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // the comment
            }
        }
        if ((flags & FHCRC) != 0) {
            headerByte();
            headerByte();
        }
        members++;
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inMember = true;
        inflater.setInput(buf, pos, lim - pos);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (finished) {
                return -1;
            }
            if (!inMember) {
                nextMemberOrEnd();
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt("gzip data of member " + members + " is corrupt near compressed byte offset "
                        + offset() + " (" + e.getMessage() + ")", e);
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                checkTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw corrupt("gzip data of member " + members + " asks for a preset dictionary", null);
            } else if (inflater.needsInput()) {
                pos = lim;
                if (!fill()) {
                    throw corrupt("gzip data is truncated: the input ends inside member " + members
                            + " at compressed byte offset " + offset(), null);
                }
                inflater.setInput(buf, pos, lim - pos);
            }
        }
    }

    private void checkTrailer() throws IOException {
        long expectedCrc = 0;
        long expectedSize = 0;
        for (int i = 0; i < 4; i++) {
            int x = nextByte();
            if (x < 0) {
                throw corrupt("gzip trailer of member " + members + " is truncated", null);
            }
            expectedCrc |= (long) x << (8 * i);
        }
        for (int i = 0; i < 4; i++) {
            int x = nextByte();
            if (x < 0) {
                throw corrupt("gzip trailer of member " + members + " is truncated", null);
            }
            expectedSize |= (long) x << (8 * i);
        }
        if (expectedCrc != crc.getValue() || expectedSize != (memberBytes & 0xffffffffL)) {
            throw corrupt("gzip member " + members + " fails its CRC-32/length check: its data is corrupt", null);
        }
    }

    /** After a member: another member, the end of the input, zero padding, or data that is not gzip. */
    private void nextMemberOrEnd() throws IOException {
        long at = offset();
        int b = nextByte();
        if (b < 0) {
            finished = true;
            return;
        }
        if (b == 0x1f) {
            pos--;
            startMember();
            return;
        }
        long zeros = 0;
        while (b == 0) {
            zeros++;
            b = nextByte();
        }
        if (b < 0) {
            warnings.add(zeros + " zero bytes after the gzip data (padding) ignored");
            finished = true;
            return;
        }
        throw corrupt("the data after gzip member " + members + " (from compressed byte offset " + at
                + ") is not gzip; it was not read", null);
    }

    private CorruptInputException corrupt(String message, Throwable cause) {
        finished = true;
        return new CorruptInputException(message, cause);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
    }
}
