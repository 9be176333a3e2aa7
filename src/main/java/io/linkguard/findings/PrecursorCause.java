package io.linkguard.findings;

/**
 * What dropped the connection right before a transient conflict, with Microsoft's documented remedy. The label
 * and the doc address are part of the plan JSON.
 */
public enum PrecursorCause {
    KEEP_ALIVE_LOSS("keep-alive-loss", "404104",
            "the device lost its connection for longer than the MQTT keep-alive (or reset it without DISCONNECT, or "
                    + "its application crashed): check its connectivity, do not raise the keep-alive on an unreliable "
                    + "network, use the latest SDK",
            "https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-404104-deviceconnectionclosedremotely"),
    TOKEN_EXPIRY("token-expiry", "401003",
            "the token expired or was rejected outside the SAS-renewal pattern: give the SAS token a lifetime that "
                    + "covers the connection and renew it before it expires (the SDKs do when they create the token "
                    + "from the connection string)",
            "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#401003-iothubunauthorized"),
    SAS_RENEWAL("sas-renewal", "401003+404104",
            "the MQTT SAS renewal (401003, 404104, reconnect): expected, no action when the SDK renews the token",
            "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#401003-iothubunauthorized"),
    SERVER_ERROR("server-error", "500xxx",
            "a transient hub-side fault: retry from the device with exponential back-off and jitter (the SDKs' "
                    + "default retry policy; keep the SDK current)",
            "https://learn.microsoft.com/azure/iot-hub/iot-hub-reliability-features-in-sdks"),
    PLATFORM_FAULT("platform-fault", "400029/400030",
            "a service or platform upgrade closed the connection: nothing to fix on the device beyond the SDK's "
                    + "retry policy",
            "https://learn.microsoft.com/azure/iot-hub/iot-hub-reliability-features-in-sdks");

    private final String label;
    private final String codes;
    private final String remedy;
    private final String doc;

    PrecursorCause(String label, String codes, String remedy, String doc) {
        this.label = label;
        this.codes = codes;
        this.remedy = remedy;
        this.doc = doc;
    }

    public String label() {
        return label;
    }

    public String codes() {
        return codes;
    }

    public String remedy() {
        return remedy;
    }

    public String doc() {
        return doc;
    }
}
