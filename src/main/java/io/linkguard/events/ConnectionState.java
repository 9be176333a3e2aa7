package io.linkguard.events;

/** What a DeviceConnected / DeviceDisconnected snapshot says about an identity. */
public enum ConnectionState {
    CONNECTED,
    DISCONNECTED
}
