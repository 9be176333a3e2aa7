package io.linkguard.device.backoff;

/** How an instruction reached the device. */
public enum Source {
    METHOD("method"),
    DESIRED("desired");

    private final String json;

    Source(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
