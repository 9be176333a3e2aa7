package io.linkguard.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an output file (a plan, a report) whole or not at all: into a temporary file beside it, then moved over
 * it, so a run that fails part way leaves the previous file as it was instead of a truncated one that looks
 * finished. A target that exists and is not a regular file ({@code /dev/null}, a named pipe) is written in place.
 */
final class OutputFile {
    interface Content<T> {
        void writeTo(T out) throws IOException;
    }

    private OutputFile() {
    }

    static void write(Path target, Content<OutputStream> content) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                content.writeTo(o);
            }
            return;
        }
        Path absolute = target.toAbsolutePath();
        // Not Files.createTempFile: that makes the file readable by its owner only; an output file gets the umask's.
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid()
                + "." + System.nanoTime() + ".partial");
        try {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(o);
            }
            move(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static void writeText(Path target, Content<Writer> content) throws IOException {
        write(target, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            content.writeTo(w);
            w.flush();
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
