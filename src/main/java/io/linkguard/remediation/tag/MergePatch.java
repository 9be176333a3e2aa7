package io.linkguard.remediation.tag;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * JSON merge-patch (RFC 7396) over parsed JSON objects, as the hub applies it to a twin: the minimal patch
 * that turns one object into another (null deletes a key), and its application. Numbers compare by value,
 * so 37, 37L and 37.0 read back from a twin are the same number.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The patch that turns {@code current} into {@code target}; empty when they are equal. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> diff(Map<String, Object> current, Map<String, Object> target) {
        Map<String, Object> patch = new LinkedHashMap<>();
        Map<String, Object> from = current == null ? Map.of() : current;
        for (Map.Entry<String, Object> e : target.entrySet()) {
            Object before = from.get(e.getKey());
            Object after = e.getValue();
            if (after == null) {
                if (from.containsKey(e.getKey()) && before != null) {
                    patch.put(e.getKey(), null);
                }
            } else if (after instanceof Map<?, ?> afterMap && before instanceof Map<?, ?> beforeMap) {
                Map<String, Object> nested = diff((Map<String, Object>) beforeMap, (Map<String, Object>) afterMap);
                if (!nested.isEmpty()) {
                    patch.put(e.getKey(), nested);
                }
            } else if (!same(before, after)) {
                patch.put(e.getKey(), after);
            }
        }
        for (Map.Entry<String, Object> e : from.entrySet()) {
            if (!target.containsKey(e.getKey()) && e.getValue() != null) {
                patch.put(e.getKey(), null);
            }
        }
        return patch;
    }

    /** {@code current} with {@code patch} applied; neither argument is changed. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> current, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(current == null ? Map.of() : current);
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                result.remove(e.getKey());
            } else if (value instanceof Map<?, ?> nested) {
                Object before = result.get(e.getKey());
                Map<String, Object> base = before instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of();
                result.put(e.getKey(), apply(base, (Map<String, Object>) nested));
            } else {
                result.put(e.getKey(), value);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            try {
                return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
            } catch (NumberFormatException notFinite) {
                return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
            }
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return diff((Map<String, Object>) x, (Map<String, Object>) y).isEmpty();
        }
        return Objects.equals(a, b);
    }
}
