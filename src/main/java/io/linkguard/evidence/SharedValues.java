package io.linkguard.evidence;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each equal value the identities of a fleet keep in their dictionaries (result codes, SDK
 * versions, protocols and auth types), instead of one per identity: a fleet has few of them, so at 100k
 * identities this saves several strings an identity. The cap bounds this table, not any result: values beyond
 * it are kept as they come (unshared), which only costs memory; it does not grow with the fleet because the
 * values it is for do not.
 */
final class SharedValues {
    static final int CAP = 4_096;

    private final Map<Object, Object> values = new HashMap<>();

    /** The instance to keep for {@code value}: the first equal one seen, while the table has room. */
    Object share(Object value) {
        Object kept = values.get(value);
        if (kept != null) {
            return kept;
        }
        if (values.size() < CAP) {
            values.put(value, value);
        }
        return value;
    }
}
