package org.jcwmp.acs.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: one thread runs the work that callers hand in, as many pieces as are waiting (up to {@link #MAX_BATCH})
 * in one transaction, each behind its own savepoint, and commits once for all of them. A commit is the expensive part
 * of a small write (H2 writes a chunk of its B-trees, PostgreSQL flushes its log), so under load many Informs share
 * one; alone, a piece is committed at once, with no waiting for company.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_BATCH = 64;

    private record Pending<T>(Database.SqlWork<T> work, CompletableFuture<T> result) {
    }

    private final Database db;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    GroupCommit(Database db) {
        this.db = db;
        this.committer = Thread.ofPlatform().daemon().name("jcwmp-store:group-commit").unstarted(this::loop);
    }

    <T> T run(Database.SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        synchronized (this) {
            if (committer.getState() == Thread.State.NEW) {
                committer.start();
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Pending<>(work, result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.result().completeExceptionally(e)); // a bug: the callers learn of it
            } finally {
                batch.clear();
            }
        }
        for (Pending<?> p; (p = queue.poll()) != null; ) {
            p.result().completeExceptionally(new IllegalStateException("the store is closed"));
        }
    }

    /** Runs the batch in one transaction; a piece that fails is rolled back to its savepoint and fails alone. */
    private void commit(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Pending<?> p : batch) {
                    completions.add(runOne(c, p));
                }
                db.commit(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException lost) {
                    e.addSuppressed(lost);
                }
                throw e;
            }
        } catch (SQLException e) {
            StoreException failed = db.failed(e);
            batch.forEach(p -> p.result().completeExceptionally(failed));
            return;
        }
        completions.forEach(Runnable::run); // only once the commit is done
    }

    private static <T> Runnable runOne(Connection c, Pending<T> p) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        T value;
        try {
            value = p.work().run(c);
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            return () -> p.result().completeExceptionally(e instanceof SQLException s ? new StoreException(s) : e);
        }
        c.releaseSavepoint(savepoint);
        return () -> p.result().complete(value);
    }

    @Override
    public void close() {
        closed = true;
        committer.interrupt();
        try {
            committer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
