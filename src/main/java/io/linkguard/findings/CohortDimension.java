package io.linkguard.findings;

import io.linkguard.evidence.IdentityAttribute;
import java.util.Map;

/** An attribute a cohort can share, derived from the raw {@link IdentityAttribute} values. The label is part of the plan JSON. */
public enum CohortDimension {
    SDK("sdk", IdentityAttribute.SDK_VERSION),
    SDK_VERSION("sdk-version", IdentityAttribute.SDK_VERSION),
    RUNTIME("runtime", IdentityAttribute.SDK_VERSION),
    OS("os", IdentityAttribute.SDK_VERSION),
    PROTOCOL("protocol", IdentityAttribute.PROTOCOL),
    IDENTITY_KIND("identity-kind", IdentityAttribute.IDENTITY_KIND),
    AUTH_TYPE("auth-type", IdentityAttribute.AUTH_TYPE),
    ADDRESS_BLOCK("address-block", IdentityAttribute.MASKED_IP);

    private final String label;
    private final IdentityAttribute source;

    CohortDimension(String label, IdentityAttribute source) {
        this.label = label;
        this.source = source;
    }

    public String label() {
        return label;
    }

    public IdentityAttribute source() {
        return source;
    }

    /** This dimension's value for an identity's attribute values, or null when they do not say. */
    public String valueOf(Map<IdentityAttribute, String> attributes) {
        return derive(attributes.get(source));
    }

    /** This dimension's value for one raw value of its source attribute, or null. */
    public String derive(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (this) {
            case SDK -> SdkAgent.parse(raw).name();
            case SDK_VERSION -> {
                SdkAgent a = SdkAgent.parse(raw);
                yield a.name() == null ? null : a.version() == null ? a.name() : a.name() + " " + a.version();
            }
            case RUNTIME -> SdkAgent.parse(raw).runtime();
            case OS -> SdkAgent.parse(raw).os();
            case ADDRESS_BLOCK -> raw.endsWith(".XXX") ? raw.substring(0, raw.length() - 4) + ".0/24" : raw;
            default -> raw;
        };
    }
}
