package io.linkguard.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class InMemoryLeaseStore implements LeaseStore {
    final Map<String, Holder> leases = new HashMap<>();
    int released;

    @Override
    public synchronized Optional<Holder> tryAcquire(String name, String owner, Instant now, Duration duration) {
        Holder current = leases.get(name);
        if (current != null && current.until().isAfter(now) && !current.owner().equals(owner)) {
            return Optional.of(current);
        }
        leases.put(name, new Holder(owner, now.plus(duration)));
        return Optional.empty();
    }

    @Override
    public synchronized void release(String name, String owner) {
        Holder current = leases.get(name);
        if (current != null && current.owner().equals(owner)) {
            leases.remove(name);
            released++;
        }
    }

    @Override
    public synchronized Set<String> acquireAll(Collection<String> names, String owner, Instant now, Duration duration) {
        Set<String> taken = new LinkedHashSet<>();
        for (String name : names) {
            if (tryAcquire(name, owner, now, duration).isEmpty()) {
                taken.add(name);
            }
        }
        return taken;
    }

    @Override
    public synchronized void releaseAll(Collection<String> names, String owner) {
        names.forEach(n -> release(n, owner));
    }
}
