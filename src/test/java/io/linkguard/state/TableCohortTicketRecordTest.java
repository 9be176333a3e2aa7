package io.linkguard.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClientBuilder;
import io.linkguard.bench.Azurite;
import io.linkguard.remediation.CohortTicketRecord;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cohort ticket record in Table Storage, against a real Azurite: what one process remembers another reads. */
@ExtendWith(AzuriteExtension.class)
class TableCohortTicketRecordTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    private static final TicketKey SDK = new TicketKey(
            "linkguard:hub-a:~cohort:sdk-version=azure-iot-device~201.18.3:faulty-reconnect");
    private static final TicketState OPEN = new TicketState("github", "42", "https://github.example/issues/42",
            TicketState.Status.OPEN, NOW, "faulty-reconnect");
    private StateTables tables;

    @BeforeEach
    void tables(Azurite azurite) {
        tables = new StateTables(new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(),
                Azurite.uniquePrefix());
    }

    /** Another process: its own client, the same table. */
    private CohortTicketRecord fresh() {
        return new TableCohortTicketRecord(tables);
    }

    @Test
    void aRememberedTicketIsOpenForAnotherProcessUntilItIsResolved() {
        assertThat(fresh().open("hub-a")).isEmpty();

        fresh().remember("hub-a", SDK, OPEN);
        assertThat(fresh().open("hub-a")).containsExactly(Map.entry(SDK, OPEN));

        TicketState pending = new TicketState("github", "42", "https://github.example/issues/42",
                TicketState.Status.PENDING, NOW.plusSeconds(60), "faulty-reconnect");
        fresh().remember("hub-a", SDK, pending);
        assertThat(fresh().open("hub-a")).containsExactly(Map.entry(SDK, pending));

        fresh().remember("hub-a", SDK, new TicketState("github", "42", null, TicketState.Status.RESOLVED, NOW, null));
        assertThat(fresh().open("hub-a")).isEmpty();
        fresh().remember("hub-a", SDK, null);
        assertThat(fresh().open("hub-a")).as("forgetting what is gone is no error").isEmpty();
    }

    @Test
    void aStateWithoutReferenceOrTimeRoundTrips() {
        TicketState bare = new TicketState(null, null, null, TicketState.Status.PENDING, null, null);
        fresh().remember("hub-a", SDK, bare);
        assertThat(fresh().open("hub-a")).containsExactly(Map.entry(SDK, bare));
    }

    @Test
    void hubsAreKeptApart() {
        TicketKey other = new TicketKey("linkguard:hub-b:~cohort:sdk-version=azure-iot-device~201.18.3:faulty-reconnect");
        fresh().remember("hub-a", SDK, OPEN);
        fresh().remember("hub-b", other, OPEN);
        fresh().remember("hub-a-2", SDK, OPEN);

        assertThat(fresh().open("hub-a")).containsOnlyKeys(SDK);
        assertThat(fresh().open("hub-b")).containsOnlyKeys(other);
        fresh().remember("hub-a", SDK, null);
        assertThat(fresh().open("hub-a")).isEmpty();
        assertThat(fresh().open("hub-b")).containsOnlyKeys(other);
        assertThat(fresh().open("hub-a-2")).as("a hub whose name starts with another's").containsOnlyKeys(SDK);
    }

    @Test
    void keysWithCharactersTableKeysForbidAreKeptExactly() {
        // '/' is kept by the cohort key's value encoding and forbidden in a RowKey; '?' '#' '\' '%' and control
        // characters cannot come from TicketKey.of(Cohort), but the record must not depend on that.
        TicketKey slash = new TicketKey("linkguard:hub-a:~cohort:os=linux/arm64(5.15):faulty-reconnect");
        TicketKey awkward = new TicketKey("linkguard:hub-a:~cohort:sdk=a?b#c\\d%2Fe'f\u0001:transient");
        TicketKey encodedTwin = new TicketKey("linkguard:hub-a:~cohort:os=linux%2Farm64(5.15):faulty-reconnect");
        fresh().remember("hub-a", slash, OPEN);
        fresh().remember("hub-a", awkward, OPEN);
        fresh().remember("hub-a", encodedTwin, OPEN);

        assertThat(fresh().open("hub-a")).containsOnlyKeys(slash, awkward, encodedTwin);
        fresh().remember("hub-a", slash, null);
        assertThat(fresh().open("hub-a")).as("'/' and its percent form are two keys").containsOnlyKeys(awkward, encodedTwin);
    }
}
