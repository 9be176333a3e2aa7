package io.linkguard.classification;

/** The four classes of a conflicting identity. The label is part of every output contract. */
public enum Classification {
    /** A conflict right after a drop: a side effect, leave it be. */
    TRANSIENT("transient"),
    /** One client keeps opening a new connection while its own is open: tell it to back off. */
    FAULTY_RECONNECT("faulty-reconnect"),
    /** Two or more clients use one identity and kick each other off: a human must split them. */
    SHARED_IDENTITY("shared-identity"),
    /** A hub-wide upgrade or outage made many devices reconnect at once: act on none of them. */
    PLATFORM_EVENT("platform-event");

    private final String label;

    Classification(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Classification ofLabel(String label) {
        for (Classification c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown classification '" + label + "'");
    }
}
