package io.linkguard.evidence;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the Connections rows say about the client behind an identity, for fleet cohorts. Each identity has at
 * most one value per attribute: the one its latest event carrying it shows (a shared identity counts once, as
 * whichever client connected last, so its share never exceeds that of its clients). The auth type is the
 * {@link AuthTypes} label.
 */
public enum IdentityAttribute {
    SDK_VERSION, PROTOCOL, MASKED_IP, IDENTITY_KIND, AUTH_TYPE;

    private static final int ATTRIBUTES = values().length;

    /** The identity's value of each attribute, from its timeline (time order); an attribute never seen is absent. */
    public static Map<IdentityAttribute, String> latestOf(Identity identity, List<TimelineEvent> timeline) {
        Map<IdentityAttribute, String> values = new EnumMap<>(IdentityAttribute.class);
        values.put(IDENTITY_KIND, identity.isModule() ? "module" : "device");
        for (int i = timeline.size() - 1; i >= 0 && values.size() < ATTRIBUTES; i--) {
            TimelineEvent e = timeline.get(i);
            putIfAbsent(values, SDK_VERSION, e.sdkVersion());
            putIfAbsent(values, PROTOCOL, e.protocol());
            putIfAbsent(values, MASKED_IP, e.maskedIp());
            putIfAbsent(values, AUTH_TYPE, e.authType());
        }
        return values;
    }

    private static void putIfAbsent(Map<IdentityAttribute, String> values, IdentityAttribute a, String v) {
        if (v != null && !values.containsKey(a)) {
            values.put(a, v);
        }
    }
}
