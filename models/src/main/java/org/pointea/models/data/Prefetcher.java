package org.pointea.models.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Produces items {@code 0..count-1} on background threads while the caller consumes them, always
 * in index order: at most {@code depth} items are produced ahead of the consumer (a bounded queue),
 * and since item {@code i} is a pure function of {@code i} the sequence is the same whatever the
 * thread count or timing. With {@code threads = 0} everything runs in the caller's thread.
 *
 * <pre>{@code
 * try (Prefetcher<Batch> batches = new Prefetcher<>(plan.size(), i -> load(plan.get(i)), 2, 4, "loader")) {
 *     while (batches.hasNext()) {
 *         train(batches.next());
 *     }
 * }
 * }</pre>
 * Not thread-safe: one consumer.
 *
 * @param <T> the item type
 */
public final class Prefetcher<T> implements AutoCloseable {
    private final int count;
    private final IntFunction<T> producer;
    private final ExecutorService pool;
    private final ArrayDeque<Future<T>> queue = new ArrayDeque<>();
    private int submitted;
    private int consumed;

    /**
     * Starts producing.
     *
     * @param first    index of the first item (items before it are skipped, e.g. on resume)
     * @param count    number of items (indices {@code first..count-1} are produced)
     * @param producer item {@code i}; called from the worker threads, so it must be thread-safe
     * @param threads  worker threads (0 = produce in the caller's thread on demand)
     * @param depth    items produced ahead of the consumer, at least 1
     * @param name     thread name prefix
     */
    public Prefetcher(int first, int count, IntFunction<T> producer, int threads, int depth, String name) {
        if (first < 0 || count < first || threads < 0 || depth < 1) {
            throw new IllegalArgumentException("bad prefetcher: first " + first + ", count " + count + ", threads "
                    + threads + ", depth " + depth);
        }
        this.count = count;
        this.producer = Objects.requireNonNull(producer, "producer");
        this.submitted = first;
        this.consumed = first;
        if (threads == 0) {
            pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(threads, tf);
            while (submitted < count && queue.size() < depth) {
                submit();
            }
        }
    }

    private void submit() {
        int i = submitted++;
        queue.add(pool.submit(() -> producer.apply(i)));
    }

    /** True while items remain. */
    public boolean hasNext() {
        return consumed < count;
    }

    /** Index of the item the next {@link #next()} returns. */
    public int nextIndex() {
        return consumed;
    }

    /**
     * The next item, waiting for it if needed; an exception thrown by the producer is rethrown here
     * (an {@link IOException} wrapped in an {@link UncheckedIOException}).
     */
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (pool == null) {
            return producer.apply(consumed++);
        }
        Future<T> f = queue.poll();
        if (submitted < count) {
            submit();
        }
        consumed++;
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            queue.forEach(f -> f.cancel(true));
            queue.clear();
            pool.shutdownNow();
        }
    }
}
