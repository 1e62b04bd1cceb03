package org.jcwmp.acs;

import org.jcwmp.acs.store.StoreException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many writers sharing commits: each one's work is committed when its call returns, and a failing one fails alone. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentWritesShareCommitsAndAFailingOneFailsAlone(String kind) throws Exception {
        try (TestDatabases.TestStore store = TestDatabases.open(kind, dir)) {
            var db = store.db();
            db.inTransaction(c -> c.createStatement().executeUpdate("create table probe (id int primary key)"));
            int writers = 200;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    int id = i % 100 == 99 ? 0 : i; // two writers insert row 0 again: duplicate keys
                    results.add(pool.submit(() -> {
                        start.await();
                        return db.inGroupCommit(c -> {
                            try (PreparedStatement ps = c.prepareStatement("insert into probe (id) values (?)")) {
                                ps.setInt(1, id);
                                return ps.executeUpdate();
                            }
                        });
                    }));
                }
                start.countDown();
                int committed = 0;
                int refused = 0;
                for (Future<Integer> r : results) {
                    try {
                        committed += r.get(30, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(StoreException.class);
                        refused++;
                    }
                }
                assertThat(committed).isEqualTo(writers - 2);
                assertThat(refused).isEqualTo(2);
            }
            int rows = db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from probe")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(writers - 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aClosedStoreRefusesWork(String kind) {
        TestDatabases.TestStore store = TestDatabases.open(kind, dir);
        store.close();
        assertThatThrownBy(() -> store.db().inGroupCommit(c -> 1)).isInstanceOf(IllegalStateException.class);
    }
}
