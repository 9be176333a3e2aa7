package io.linkguard.device.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a broker the device tests must fail and say how to get one, never skip quietly. */
class MosquittoBrokerTest {
    @TempDir
    Path directory;

    @Test
    void noMosquittoAnywhereFailsWithTheInstallCommand() {
        assertThatThrownBy(() -> MosquittoBroker.locateMosquitto(Map.of("PATH", directory.toString()), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mosquitto was not found")
                .hasMessageContaining("sudo apt-get install -y mosquitto");
    }

    @Test
    void aWrongMosquittoSettingIsNamed() {
        assertThatThrownBy(() -> MosquittoBroker.locateMosquitto(Map.of("MOSQUITTO", directory.resolve("nope").toString()), List.of()))
                .hasMessageStartingWith("MOSQUITTO=" + directory.resolve("nope") + " is not an executable file.");
    }

    @Test
    void findsItOnThePathOrInTheUsualSbinDirectories() throws Exception {
        Path binary = Files.createFile(directory.resolve("mosquitto"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(MosquittoBroker.locateMosquitto(Map.of("PATH", "/nonexistent:" + directory), List.of())).isEqualTo(binary);
        assertThat(MosquittoBroker.locateMosquitto(Map.of("PATH", ""), List.of(directory.toString()))).isEqualTo(binary);
    }
}
