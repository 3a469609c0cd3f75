package org.pointea.models.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntConsumer;
import org.pointea.models.nn.BatchNormSync;

/**
 * Workers of a data-parallel run as threads of one JVM, for tests: an all-gather over a cyclic
 * barrier (the {@link BatchNormSync} transport and the gradient exchange of a hook), and a runner
 * that starts one thread per worker and rethrows the first failure.
 */
public final class InProcessGroup {
    private final int workers;
    private final Object[] slots;
    private final CyclicBarrier barrier;
    private volatile Object[] gathered;

    /** A group of {@code workers} workers. */
    public InProcessGroup(int workers) {
        this.workers = workers;
        this.slots = new Object[workers];
        this.barrier = new CyclicBarrier(workers, () -> gathered = slots.clone());
    }

    /** Every worker's value, in rank order; blocks until all workers have called. */
    public Object[] allGather(int rank, Object value) {
        slots[rank] = value;
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException("all-gather broken", e);
        }
        return gathered;
    }

    /** The batch-norm transport of worker {@code rank}. */
    public BatchNormSync batchNormSync(int rank) {
        return local -> {
            Object[] all = allGather(rank, local);
            double[][] out = new double[all.length][];
            for (int i = 0; i < all.length; i++) {
                out[i] = (double[]) all[i];
            }
            return out;
        };
    }

    /** Runs {@code body(rank)} on one thread per worker and waits for all of them. */
    public void run(IntConsumer body) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int rank = w;
            Thread t = new Thread(() -> {
                try {
                    body.accept(rank);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                    barrier.reset();
                }
            }, "worker-" + rank);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            throw e instanceof Exception ex ? ex : new IllegalStateException(e);
        }
    }
}
