package io.linkguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatFailsPartWayLeavesThePreviousFileAsItWasAndNoTemporaryFile() throws IOException {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"previous\": true}");

        assertThrows(IOException.class, () -> OutputFile.writeText(plan, w -> {
            w.write("{\"identities\": [");
            w.flush();
            throw new IOException("disk full");
        }));

        assertEquals("{\"previous\": true}", Files.readString(plan));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the partial file is removed");
        }
    }

    @Test
    void aFinishedRunReplacesTheFileWhole() throws IOException {
        Path report = dir.resolve("report.txt");
        Files.writeString(report, "old and longer than the new text");

        OutputFile.writeText(report, w -> w.write("new ✓"));

        assertEquals("new ✓", Files.readString(report, StandardCharsets.UTF_8));
    }

    @Test
    void aRelativePathIsResolvedAndWritten() throws IOException {
        Path relative = Path.of("target", "output-file-test-" + ProcessHandle.current().pid() + ".txt");
        try {
            OutputFile.write(relative, o -> o.write(new byte[] {'o', 'k'}));
            assertEquals("ok", Files.readString(relative));
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void theFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path beside = Files.writeString(dir.resolve("made-the-usual-way.txt"), "x");
        Path plan = dir.resolve("plan.json");

        OutputFile.writeText(plan, w -> w.write("{}"));

        assertEquals(Files.getPosixFilePermissions(beside), Files.getPosixFilePermissions(plan));
    }

    @Test
    void aSymbolicLinkIsWrittenThroughSoTheFileItPointsToGetsThePlan() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);

        OutputFile.writeText(link, w -> w.write("new"));

        assertEquals(true, Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real));
    }

    @Test
    void anExistingFileKeepsItsPermissions() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plan = Files.writeString(dir.resolve("plan.json"), "old");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(plan, ownerOnly);

        OutputFile.writeText(plan, w -> w.write("new"));

        assertEquals("new", Files.readString(plan));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(plan));
    }

    @Test
    void aVeryLongFileNameStillGetsAWorkingTemporaryFile() throws IOException {
        Path plan = dir.resolve("p".repeat(250) + ".json");

        OutputFile.writeText(plan, w -> w.write("{}"));

        assertEquals("{}", Files.readString(plan));
    }

    @Test
    void aSpecialFileSuchAsDevNullIsWrittenInPlace() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "needs /dev/null");

        OutputFile.write(devNull, o -> o.write(new byte[1 << 20]));

        assertEquals(true, Files.exists(devNull) && !Files.isRegularFile(devNull), "/dev/null is not replaced by a file");
    }
}
