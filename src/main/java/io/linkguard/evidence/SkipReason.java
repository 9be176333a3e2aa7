package io.linkguard.evidence;

/** Why an input row was not used. The kebab-case label is part of the JSON output contract. */
public enum SkipReason {
    OTHER_CATEGORY("other-category"),
    MISSING_TIMESTAMP("missing-timestamp"),
    BAD_TIMESTAMP("bad-timestamp"),
    MISSING_HUB("missing-hub"),
    UNKNOWN_OPERATION("unknown-operation"),
    PROPERTIES_NOT_JSON("properties-not-json"),
    MISSING_DEVICE_ID("missing-device-id"),
    INVALID_DEVICE_ID("invalid-device-id"),
    INVALID_MODULE_ID("invalid-module-id"),
    ERROR_WITHOUT_CODE("error-without-code");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
