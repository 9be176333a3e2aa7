package io.linkguard.remediation;

/**
 * Builds the connection to a hub for a run (the IoT Hub adapter with its credentials, throttles and ARM
 * lookup). The CLI and the Functions app receive one; this build's default has no adapter and says so.
 */
public interface HubGatewayFactory {

    /** Connects to the hub; throws {@link HubConnectionException} with a message an operator can act on. */
    HubConnection connect(HubTarget target);

    static HubGatewayFactory unavailable() {
        return target -> {
            throw new HubConnectionException("no IoT Hub adapter is wired into this build, so " + target.hubName()
                    + " cannot be reached; use --mode observe, or a build with the hub adapter");
        };
    }
}
