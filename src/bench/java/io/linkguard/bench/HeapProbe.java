package io.linkguard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures of one measured run:
 * <ul>
 *   <li>{@code peakBytes}: sum over the heap pools of {@link MemoryPoolMXBean#getPeakUsage()} since
 *       {@link #start()} (an upper bound of the true simultaneous peak; includes garbage not yet collected,
 *       so it mostly follows the young generation's size);</li>
 *   <li>{@code peakOldBytes}: the same for the old/tenured pools only (what survives collections);</li>
 *   <li>{@code maxAfterGcBytes}: the largest heap used right after any collection during the run, from GC
 *       notifications (the live set while the run was going, -1 when no collection ran);</li>
 *   <li>{@code gcCount}: collections during the run.</li>
 * </ul>
 */
final class HeapProbe implements NotificationListener, AutoCloseable {
    record Figures(long peakBytes, long peakOldBytes, long maxAfterGcBytes, long gcCount) {
    }

    private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final AtomicLong maxAfterGc = new AtomicLong(-1);
    private final AtomicLong collections = new AtomicLong();

    HeapProbe() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                heapPools.add(pool);
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Full GC, then resets the pool peaks and the GC figures. */
    void start() {
        fullGc();
        for (MemoryPoolMXBean pool : heapPools) {
            pool.resetPeakUsage();
        }
        maxAfterGc.set(-1);
        collections.set(0);
    }

    Figures stop() {
        long peak = 0;
        long old = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage u = pool.getPeakUsage();
            if (u == null) {
                continue;
            }
            peak += u.getUsed();
            if (isOld(pool.getName())) {
                old += u.getUsed();
            }
        }
        return new Figures(peak, old, maxAfterGc.get(), collections.get());
    }

    /** Heap used after a full collection (call while the result of the run is still referenced). */
    static long liveAfterFullGc() {
        fullGc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void fullGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
    }

    private static boolean isOld(String pool) {
        String n = pool.toLowerCase(java.util.Locale.ROOT);
        return n.contains("old") || n.contains("tenured");
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (info.getGcCause() != null && info.getGcCause().equals("System.gc()")) {
            return;
        }
        collections.incrementAndGet();
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.stream().anyMatch(p -> p.getName().equals(e.getKey()))) {
                used += e.getValue().getUsed();
            }
        }
        long u = used;
        maxAfterGc.accumulateAndGet(u, Math::max);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
