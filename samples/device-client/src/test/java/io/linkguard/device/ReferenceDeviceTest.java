package io.linkguard.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class ReferenceDeviceTest {

    @Test
    void aTakeoverIsAConnectionTheOtherEndClosed() {
        assertThat(ReferenceDevice.closedByRemote(new IOException("Mqtt connection lost", new IOException("32109", new EOFException()))))
                .isTrue();
        assertThat(ReferenceDevice.closedByRemote(new IOException("Timed out waiting for a response from the server (32000)")))
                .isFalse();
        assertThat(ReferenceDevice.closedByRemote(new SocketException("Connection reset"))).isFalse();
        assertThat(ReferenceDevice.closedByRemote(null)).isFalse();
    }
}
