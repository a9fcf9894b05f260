package meridian.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The slots and the queue without HTTP: per-client and global limits, order, refusals. */
class WorkLimiterTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(10);

    @Test
    void aClientOverItsLimitWaitsWhileAnotherClientPassesAndWaitersGoInArrivalOrder() throws Exception {
        WorkLimiter w = new WorkLimiter(new WorkLimiter.Limits(1, 2, 4, 10));
        assertTrue(w.acquire("a", 0));
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> a2 = waiter(w, "a", order);
        CompletableFuture<Boolean> a3 = waiter(w, "a", order);
        // b is under its own limit and a slot is free: it does not queue behind a's requests
        assertTrue(w.acquire("b", 0));
        assertEquals(2, w.runningTotal());
        // c finds both global slots taken and queues after a2 and a3
        CompletableFuture<Boolean> c1 = waiter(w, "c", order);
        w.release("b", true); // a is still at its limit: c, though later, goes first
        assertTrue(c1.get(5, TimeUnit.SECONDS));
        w.release("a", true);
        assertTrue(a2.get(5, TimeUnit.SECONDS));
        assertFalse(a3.isDone());
        w.release("a", true);
        assertTrue(a3.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("c", "a", "a"), order);
    }

    @Test
    void aWaitThatEndsOrAFullQueueIsARefusal() throws Exception {
        WorkLimiter w = new WorkLimiter(new WorkLimiter.Limits(1, 4, 1, 1));
        assertTrue(w.acquire("a", 0));
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(() -> acquire(w, "a", LONG));
        Thread.sleep(200);
        assertFalse(w.acquire("a", LONG), "one waiting request per client at most");
        w.release("a", true);
        assertTrue(queued.get(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        assertFalse(w.acquire("a", TimeUnit.MILLISECONDS.toNanos(300)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300));
        w.release("a", true);
        assertEquals(0, w.runningTotal());
    }

    @Test
    void jobsTakeTheClientsSlotsWithoutWaitingAndWithoutCountingInTheGlobalLimit() throws Exception {
        WorkLimiter w = new WorkLimiter(new WorkLimiter.Limits(2, 1, 4, 10));
        assertTrue(w.tryStart("a"));
        assertTrue(w.tryStart("a"));
        assertFalse(w.tryStart("a"), "a job without a free slot stays queued");
        assertFalse(w.acquire("a", 0), "a's sync request finds a's slots taken by its jobs");
        assertTrue(w.acquire("b", 0), "the global limit counts sync requests only");
        w.ended("a");
        assertFalse(w.acquire("a", 0), "a has a free slot, but b holds the only global one");
        w.release("b", true);
        assertTrue(w.acquire("a", 0));
        assertEquals(1, w.runningTotal());
    }

    private static CompletableFuture<Boolean> waiter(WorkLimiter w, String client, List<String> order)
            throws InterruptedException {
        CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(() -> {
            boolean ok = acquire(w, client, LONG);
            if (ok) {
                order.add(client);
            }
            return ok;
        });
        Thread.sleep(200); // queued in this order
        return f;
    }

    private static boolean acquire(WorkLimiter w, String client, long nanos) {
        try {
            return w.acquire(client, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
