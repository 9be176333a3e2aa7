package io.linkguard.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import io.linkguard.bench.Azurite;
import io.linkguard.pacing.Ticker;
import io.linkguard.remediation.WriterLeases;
import io.linkguard.remediation.safety.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hubs' writer leases and usage log in Table Storage, against a real Azurite. */
@ExtendWith(AzuriteExtension.class)
class HubCoordinationTableTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private StateTables tables;
    private TableLeaseStore store;

    @BeforeEach
    void tables(Azurite azurite) {
        tables = new StateTables(new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(),
                Azurite.uniquePrefix());
        store = new TableLeaseStore(tables);
    }

    @Test
    void ofManyInstancesTakingAHubAtOnceExactlyOneWritesAndTheOthersLearnWho() throws Exception {
        List<WriterLeases.Attempt> attempts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<WriterLeases.Attempt>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String owner = "run-" + i;
                WriterLeases instance = new TableWriterLeases(store, Clock.systemUTC(), Duration.ofMinutes(10));
                futures.add(pool.submit((Callable<WriterLeases.Attempt>) () -> instance.tryTake("plant", owner)));
            }
            for (Future<WriterLeases.Attempt> f : futures) {
                attempts.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<WriterLeases.Taken> taken = attempts.stream().filter(a -> a instanceof WriterLeases.Taken)
                .map(a -> (WriterLeases.Taken) a).toList();
        assertThat(taken).hasSize(1);
        String holder = Entities.text(tables.state().getEntity(TableLeaseStore.PARTITION, "hub:plant"), "Owner");
        assertThat(attempts).filteredOn(a -> a instanceof WriterLeases.Busy).hasSize(5)
                .allSatisfy(a -> assertThat(((WriterLeases.Busy) a).owner()).isEqualTo(holder));
        assertThat(new TableWriterLeases(store, Clock.systemUTC(), Duration.ofMinutes(10)).tryTake("other-hub", "run-9"))
                .as("another hub is free").isInstanceOf(WriterLeases.Taken.class);

        taken.get(0).lease().close();
        assertThat(taken.get(0).lease().held()).isFalse();
        assertThat(new TableWriterLeases(store, Clock.systemUTC(), Duration.ofMinutes(10)).tryTake("plant", "run-next"))
                .as("given back: the next run takes it").isInstanceOf(WriterLeases.Taken.class);
    }

    @Test
    void aLeaseIsRenewedWhileTheRunWorksSoALongRunKeepsIt() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        WriterLeases leases = new TableWriterLeases(store, Clock.systemUTC(), lease);
        WriterLeases.WriterLease held = ((WriterLeases.Taken) leases.tryTake("plant", "long-run")).lease();
        Instant firstUntil = Entities.instant(tables.state().getEntity(TableLeaseStore.PARTITION, "hub:plant").getProperty("Until"));
        Thread.sleep(lease.multipliedBy(3).toMillis());

        assertThat(held.held()).as("three lease durations later, still held").isTrue();
        Instant until = Entities.instant(tables.state().getEntity(TableLeaseStore.PARTITION, "hub:plant").getProperty("Until"));
        assertThat(until).as("renewed in the table").isAfter(firstUntil.plus(lease));
        assertThat(new TableWriterLeases(store, Clock.systemUTC(), lease).tryTake("plant", "intruder"))
                .isInstanceOf(WriterLeases.Busy.class);
        held.close();
    }

    @Test
    void aLeaseSomeoneElseTookIsLostForGood() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        WriterLeases.WriterLease held = ((WriterLeases.Taken) new TableWriterLeases(store, Clock.systemUTC(), lease)
                .tryTake("plant", "slow-run")).lease();
        TableEntity row = tables.state().getEntity(TableLeaseStore.PARTITION, "hub:plant");
        tables.state().updateEntity(new TableEntity(row.getPartitionKey(), row.getRowKey()).addProperty("Owner", "thief")
                .addProperty("Until", Entities.time(Instant.now().plusSeconds(600))));
        Thread.sleep(lease.toMillis());

        assertThat(held.held()).isFalse();
        assertThat(held.lostBecause()).contains("another run took the lease hub:plant");
        held.close();
        assertThat(Entities.text(tables.state().getEntity(TableLeaseStore.PARTITION, "hub:plant"), "Owner"))
                .as("closing a lost lease leaves the new holder's row alone").isEqualTo("thief");
    }

    @Test
    void aLeaseThatCouldNotBeRenewedStopsCountingAsHeldAThirdOfItsDurationBeforeItExpires() {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = new Ticker() {
            @Override
            public long nanoTime() {
                return nanos.get();
            }

            @Override
            public void sleep(Duration d) {
                nanos.addAndGet(d.toNanos());
            }
        };
        Duration lease = Duration.ofMinutes(9);
        WriterLeases.WriterLease held = ((WriterLeases.Taken) new TableWriterLeases(store, Clock.systemUTC(), lease, ticker)
                .tryTake("plant", "cut-off-run")).lease();
        nanos.set(Duration.ofMinutes(5).toNanos());
        assertThat(held.held()).as("no renewal yet, 5 of 9 minutes").isTrue();
        nanos.set(Duration.ofMinutes(6).toNanos());
        assertThat(held.held()).as("6 of 9 minutes without a confirmed renewal: others could take it in 3").isFalse();
        assertThat(held.lostBecause()).contains("not renewed within 360 s");
        nanos.set(0);
        assertThat(held.held()).as("lost for good").isFalse();
        held.close();
    }

    @Test
    void usageIsSummedPerHubOverEachWindowAndOldMinutesAreForgotten() {
        TableUsageLog log = new TableUsageLog(tables);
        log.add("plant", NOW.minus(Duration.ofHours(30)), new Usage(9, 9, 9, 9));
        log.add("plant", NOW.minus(Duration.ofMinutes(50)), new Usage(2, 2, 0, 4));
        log.add("plant", NOW.minus(Duration.ofMinutes(3)), new Usage(1, 1, 1, 2));
        log.add("plant", NOW.minus(Duration.ofMinutes(3)).plusSeconds(20), new Usage(1, 0, 0, 1));
        log.add("other", NOW, new Usage(5, 5, 5, 5));

        assertThat(log.earlier("plant", NOW, Duration.ofMinutes(60), Duration.ofMinutes(5)))
                .as("acting over the hour; the capped budgets over 5 minutes; one minute's two runs added up")
                .isEqualTo(new Usage(4, 1, 1, 3));
        assertThat(log.earlier("plant", NOW, Duration.ofMinutes(10), Duration.ofMinutes(60))).isEqualTo(new Usage(2, 3, 1, 7));
        assertThat(log.since("plant", Instant.EPOCH)).as("the 30-hour-old minute was deleted").hasSize(2);
    }

    @Test
    void usageMinutesAreRowsSortedByTime() {
        TableUsageLog log = new TableUsageLog(tables);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        log.add("hub/with?odd#name", clock.instant(), new Usage(1, 0, 0, 0));
        log.add("hub/with?odd#name", clock.instant().minusSeconds(3600 * 3), new Usage(1, 0, 0, 0));
        assertThat(log.since("hub/with?odd#name", NOW.minusSeconds(60)).keySet()).containsExactly(NOW.minusSeconds(30));
    }
}
