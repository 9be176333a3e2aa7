package io.linkguard.remediation.backoff;

import io.linkguard.evidence.Identity;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits device identities into IoT Hub jobs whose query condition {@code deviceId IN ['a','b',...]} stays
 * under the hub's 8 KB limit. Sizes are counted as UTF-8 bytes with every quote and backslash escaped,
 * whichever escape the adapter uses, plus a margin.
 */
public final class JobChunks {
    public static final int QUERY_CONDITION_LIMIT_BYTES = 8 * 1024;
    static final int MARGIN_BYTES = 256;
    static final String PREFIX = "deviceId IN []";

    private JobChunks() {
    }

    public static List<List<Identity>> split(List<Identity> devices, int limitBytes) {
        int budget = limitBytes - MARGIN_BYTES - PREFIX.length();
        List<List<Identity>> chunks = new ArrayList<>();
        List<Identity> current = new ArrayList<>();
        int used = 0;
        for (Identity device : devices) {
            if (device.isModule()) {
                throw new IllegalArgumentException("jobs address devices, not modules: " + device.display());
            }
            int size = literalBytes(device.deviceId()) + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && used + size > budget) {
                chunks.add(List.copyOf(current));
                current.clear();
                used = 0;
                size = literalBytes(device.deviceId());
            }
            current.add(device);
            used += size;
        }
        if (!current.isEmpty()) {
            chunks.add(List.copyOf(current));
        }
        return chunks;
    }

    /** Bytes of {@code 'id'} with quotes and backslashes escaped. */
    static int literalBytes(String id) {
        int n = 2;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            n += c == '\'' || c == '\\' ? 2 : (c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
        }
        return n;
    }
}
