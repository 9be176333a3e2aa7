package io.linkguard.hub;

import io.linkguard.remediation.HubLimits;
import java.util.Locale;

/**
 * Microsoft's published IoT Hub throttles per tier (iothub-facts.md §4; docs/hub-adapter.md has the
 * table), turned into {@link HubLimits} for a SKU and a number of units.
 *
 * <ul>
 *   <li>Free (F1) and S1: twin reads 100/s, twin updates 50/s, direct methods 160 KB/s/unit, job device
 *       operations 10/s, one active job.</li>
 *   <li>S2: twin reads max(100/s, 10/s/unit), updates max(50/s, 5/s/unit), methods 480 KB/s/unit, job
 *       device operations max(10/s, 1/s/unit), five active jobs.</li>
 *   <li>S3: twin reads 500/s/unit, updates 250/s/unit, methods 24 MB/s/unit, job device operations
 *       50/s/unit, ten active jobs.</li>
 *   <li>Basic (B1, B2, B3): no twins, methods or jobs.</li>
 * </ul>
 * Direct methods are metered in 4 KB units, so 160 KB/s is 40 small calls per second.
 */
public final class PublishedThrottles {
    /** The size of one direct-method metering unit. */
    public static final int METHOD_UNIT_BYTES = 4 * 1024;

    private PublishedThrottles() {
    }

    /**
     * @param sku   the ARM SKU name (F1, S1, S2, S3, B1, B2, B3; case-insensitive)
     * @param units the hub's capacity (number of units), at least 1
     * @throws IllegalArgumentException for an unknown SKU or fewer than one unit
     */
    public static HubLimits forSku(String hub, String hostName, String sku, int units) {
        if (units < 1) {
            throw new IllegalArgumentException("hub " + hub + ": units must be at least 1, got " + units);
        }
        String name = sku == null ? "" : sku.trim().toUpperCase(Locale.ROOT);
        double u = units;
        return switch (name) {
            case "F1", "S1" -> new HubLimits(hub, hostName, name, units, true, 100, 50, kbPerSecond(160) * u, 10, 1);
            case "S2" -> new HubLimits(hub, hostName, name, units, true, Math.max(100, 10 * u), Math.max(50, 5 * u),
                    kbPerSecond(480) * u, Math.max(10, u), 5);
            case "S3" -> new HubLimits(hub, hostName, name, units, true, 500 * u, 250 * u,
                    kbPerSecond(24 * 1000) * u, 50 * u, 10);
            case "B1", "B2", "B3" -> new HubLimits(hub, hostName, name, units, false, 0, 0, 0, 0, 0);
            default -> throw new IllegalArgumentException("hub " + hub + ": unknown IoT Hub SKU '" + sku
                    + "' (expected F1, S1, S2, S3, B1, B2 or B3)");
        };
    }

    /** A throughput in KB/s as 4 KB method units per second. */
    private static double kbPerSecond(double kb) {
        return kb * 1024 / METHOD_UNIT_BYTES;
    }
}
