package io.linkguard.evidence;

/** Why an input row was not used. The kebab-case label is part of the JSON output contract. */
public enum SkipReason {
    OTHER_CATEGORY("other-category"),
    MISSING_TIMESTAMP("missing-timestamp"),
    BAD_TIMESTAMP("bad-timestamp"),
    /** Outside {@link PlausibleTimes}: before IoT Hub existed or after the reading clock (plus a day). */
    IMPLAUSIBLE_TIMESTAMP("implausible-timestamp"),
    MISSING_HUB("missing-hub"),
    /** Not a valid IoT Hub name (3-50 lower-case letters, digits, hyphens): not from a real hub's logs. */
    INVALID_HUB("invalid-hub"),
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
