package io.linkguard.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Writes an output file (a plan, a report) whole or not at all: into a temporary file beside it, then moved over
 * it, so a run that fails part way leaves the previous file as it was instead of a truncated one that looks
 * finished. The new file keeps an existing file's permissions. Written in place instead, as any program would: a
 * symbolic link (so the file it points to is written, and {@code /dev/stdout} stays what it is), anything that is
 * not a regular file ({@code /dev/null}, a named pipe), and a file in a directory this process may not write to.
 */
final class OutputFile {
    interface Content<T> {
        void writeTo(T out) throws IOException;
    }

    private OutputFile() {
    }

    static void write(Path target, Content<OutputStream> content) throws IOException {
        Path temporary = replaceable(target) ? temporaryBeside(target.toAbsolutePath()) : null;
        if (temporary == null) {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                content.writeTo(o);
            }
            return;
        }
        temporary.toFile().deleteOnExit(); // an interrupted run leaves no partial file behind
        try {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(temporary, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(o);
            }
            keepPermissions(target, temporary);
            move(temporary, target.toAbsolutePath());
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

    private static boolean replaceable(Path target) {
        if (Files.isSymbolicLink(target)) {
            return false;
        }
        return !Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A new empty file beside the target, with the umask's permissions (not {@code Files.createTempFile}'s owner-only
     * ones), or null where the directory cannot take one. The name is short whatever the target's.
     */
    private static Path temporaryBeside(Path target) throws IOException {
        Path temporary = target.resolveSibling(".linkguard-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".partial");
        try {
            return Files.createFile(temporary);
        } catch (AccessDeniedException e) {
            return null;
        }
    }

    private static void keepPermissions(Path existing, Path replacement) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(existing, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null && Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(replacement, view.readAttributes().permissions());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
