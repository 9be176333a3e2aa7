package io.linkguard.evidence;

import java.util.Comparator;
import java.util.Objects;

/**
 * The one definition of an identity: a device or a module of a device, within one hub. The hub is the
 * lower-case hub name (the last segment of the hub's ARM id); {@code moduleId} is null for a device.
 */
public record Identity(String hub, String deviceId, String moduleId) implements Comparable<Identity> {

    private static final Comparator<Identity> ORDER = Comparator.comparing(Identity::hub)
            .thenComparing(Identity::deviceId)
            .thenComparing(i -> i.moduleId() == null ? "" : i.moduleId());

    public Identity {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(deviceId, "deviceId");
        if (moduleId != null && moduleId.isEmpty()) {
            moduleId = null;
        }
    }

    public boolean isModule() {
        return moduleId != null;
    }

    /** "hub/device" or "hub/device/module", for logs and reports. */
    public String display() {
        return hub + "/" + deviceId + (moduleId == null ? "" : "/" + moduleId);
    }

    /**
     * Written out because it runs for every row read (the collector's map key): the record's generated
     * equals/hashCode go through a method-handle chain the JIT does not always inline. Same hash as the
     * generated one, so the order of hash maps keyed by identity does not change.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Identity other && hub.equals(other.hub) && deviceId.equals(other.deviceId)
                && Objects.equals(moduleId, other.moduleId);
    }

    @Override
    public int hashCode() {
        return (hub.hashCode() * 31 + deviceId.hashCode()) * 31 + Objects.hashCode(moduleId);
    }

    @Override
    public int compareTo(Identity other) {
        return ORDER.compare(this, other);
    }
}
