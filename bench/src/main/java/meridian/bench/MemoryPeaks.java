package meridian.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the peak memory of the JVM it runs in since the last {@link #reset}: heap in use (the
 * sum of the heap pools just before each collection, which is when it peaks, and sampled every
 * {@value #SAMPLE_MILLIS} ms in between), the live heap (the largest occupancy right after a
 * collection) and the resident set size (Linux {@code VmHWM}, reset through
 * {@code /proc/self/clear_refs}, plus sampled {@code VmRSS} where that reset is not allowed).
 * Thread-safe; {@link #close} stops the sampling thread and the GC listeners.
 */
public final class MemoryPeaks implements AutoCloseable {

    static final int SAMPLE_MILLIS = 10;
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final AtomicLong heapPeak = new AtomicLong();
    private final AtomicLong heapLive = new AtomicLong();
    private final AtomicLong rssPeak = new AtomicLong();
    private final Set<String> heapPools;
    private final List<Runnable> unregister = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean hwmResettable;

    /** What the peaks were; -1 where not known. */
    public record Snapshot(long heapPeakBytes, long heapLiveBytes, long rssPeakBytes) {
    }

    public MemoryPeaks() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
        NotificationListener listener = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(this::sampleLoop, "memory-peaks");
        sampler.setDaemon(true);
        reset();
        sampler.start();
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        heapPeak.accumulateAndGet(heapSum(info.getMemoryUsageBeforeGc()), Math::max);
        heapLive.accumulateAndGet(heapSum(info.getMemoryUsageAfterGc()), Math::max);
    }

    private long heapSum(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (var e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    private void sampleLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        heapPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        rssPeak.accumulateAndGet(statusKb("VmRSS") * 1024, Math::max);
    }

    /** Starts a new measurement window. */
    public synchronized void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            hwmResettable = true;
        } catch (IOException | SecurityException e) {
            hwmResettable = false;
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heapPeak.set(used);
        heapLive.set(0);
        rssPeak.set(statusKb("VmRSS") * 1024);
    }

    /** The peaks since the last reset. */
    public synchronized Snapshot snapshot() {
        sample();
        long rss = rssPeak.get();
        if (hwmResettable) {
            rss = Math.max(rss, statusKb("VmHWM") * 1024);
        }
        long live = heapLive.get();
        return new Snapshot(heapPeak.get(), live == 0 ? -1 : live, rss <= 0 ? -1 : rss);
    }

    /** A {@code kB} value of /proc/self/status, or -1. */
    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        sampler.interrupt();
        unregister.forEach(Runnable::run);
    }
}
