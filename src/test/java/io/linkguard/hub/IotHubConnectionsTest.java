package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.HubConnection;
import io.linkguard.remediation.HubConnectionException;
import io.linkguard.remediation.HubRoster;
import io.linkguard.remediation.HubTarget;
import io.linkguard.remediation.RosterScope;
import org.junit.jupiter.api.Test;

/** The adapter behind remediation's HubGatewayFactory: ARM lookup, gateway, roster queries. */
class IotHubConnectionsTest {

    private static IotHubConnections factory(StubHub stub) {
        return IotHubConnections.builder().credential(stub.credential())
                .environment(stub.armProfile().getEnvironment()).armHttpClient(stub.armHttpClient()).build();
    }

    @Test
    void aHubNamedByArmIdGetsItsTierFromArmAndARosterFromQueries() {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("plant").sku("S2", 2))) {
            stub.addDevice("d-active").addDevice("d-resolved").addDevice("d-untagged").addModule("edge", "agent", false);
            stub.updateTwin("d-active", null, "{\"tags\":{\"linkguard\":{\"stage\":\"backoff\"}}}");
            stub.updateTwin("d-resolved", null, "{\"tags\":{\"linkguard\":{\"stage\":\"resolved\"}}}");
            stub.updateTwin("edge", "agent", "{\"tags\":{\"linkguard\":{\"stage\":\"tagged\"}}}");

            try (HubConnection hub = factory(stub).connect(HubTarget.parse(stub.armId()))) {
                HubRoster roster = hub.roster(RosterScope.COUNT_AND_TAGGED);

                assertThat(hub.gateway().limits("plant").sku()).isEqualTo("S2");
                assertThat(hub.gateway().limits("plant").units()).isEqualTo(2);
                assertThat(roster.hub()).isEqualTo("plant");
                assertThat(roster.identities()).as("4 devices + 1 module").isEqualTo(5);
                assertThat(roster.tagged()).containsExactlyInAnyOrder(new Identity("plant", "d-active", null),
                        new Identity("plant", "edge", "agent"));
                assertThat(hub.gateway().readTwin(new Identity("plant", "d-active", null))).isPresent();
            }
            assertThat(stub.requests(StubOperation.QUERY)).extracting(r -> r.body())
                    .anySatisfy(b -> assertThat(b).contains("SELECT COUNT() AS n FROM devices\""))
                    .anySatisfy(b -> assertThat(b).contains("tags.linkguard.stage != 'resolved'"));
        }
    }

    @Test
    void aHubNamedOnlyByHostNameIsTreatedAsAnS1() {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("localhost").sku("S3", 1))) {
            try (HubConnection hub = factory(stub).connect(new HubTarget("localhost", stub.hostName(), null))) {
                assertThat(hub.gateway().limits("localhost").sku()).isEqualTo(IotHubConnections.ASSUMED_SKU);
                assertThat(hub.roster(RosterScope.COUNT_AND_TAGGED).identities()).isZero();
            }
            assertThat(stub.count(StubOperation.ARM_READ)).isZero();
        }
    }

    @Test
    void hubsThatCannotBeRemediatedFailToConnectWithTheReason() {
        try (StubHub basic = StubHub.start(StubHub.Config.defaults().sku("B1", 1))) {
            assertThatThrownBy(() -> factory(basic).connect(HubTarget.parse(basic.armId())))
                    .isInstanceOf(HubConnectionException.class).hasMessageContaining("Basic tier").hasMessageContaining("observe");
        }
        try (StubHub stub = StubHub.start()) {
            assertThatThrownBy(() -> factory(stub).connect(HubTarget.parse(stub.armId().replace("stubhub", "otherhub"))))
                    .isInstanceOf(HubConnectionException.class).hasMessageContaining("no such hub");
        }
    }

    @Test
    void aRosterQueryTheHubKeepsRefusingIsAConnectionProblem() {
        try (StubHub stub = StubHub.start()) {
            try (HubConnection hub = factory(stub).connect(HubTarget.parse(stub.armId()))) {
                stub.inject(Fault.status(403).on(StubOperation.QUERY));
                assertThatThrownBy(() -> hub.roster(RosterScope.COUNT_AND_TAGGED)).isInstanceOf(HubConnectionException.class)
                        .hasMessageContaining("query failed").hasMessageContaining("403");
            }
        }
    }

    @Test
    void everyConnectionToAHubSharesOneBudgetAndQueriesAreMeteredAtThePublishedRate() {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("plant").sku("S1", 2))) {
            IotHubConnections connections = factory(stub);
            try (HubConnection first = connections.connect(HubTarget.parse(stub.armId()));
                 HubConnection second = connections.connect(HubTarget.parse(stub.armId()))) {
                IotHubGateway a = (IotHubGateway) first.gateway();
                IotHubGateway b = (IotHubGateway) second.gateway();
                assertThat(b).as("one gateway, one set of token buckets per hub").isSameAs(a);
                assertThat(a.throttle().rate(Meter.QUERIES)).as("20/min/unit x 2 units x the default share")
                        .isCloseTo(40 / 60.0 * HubSettings.DEFAULTS.rateShare(), org.assertj.core.data.Offset.offset(1e-9));
            }
            try (HubConnection other = factory(stub).connect(HubTarget.parse(stub.armId()))) {
                assertThat(other.gateway()).as("another process's adapter has its own").isNotSameAs(
                        connections.connect(HubTarget.parse(stub.armId())).gateway());
            }
        }
    }

    @Test
    void aQueryOfManyPagesFetchesEachPageOnceWithItsContinuationToken() {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("plant").sku("S3", 1))) {
            java.util.List<String> ids = java.util.stream.IntStream.range(0, 2500).mapToObj(i -> "d-" + i).toList();
            stub.addDevices(ids);
            ids.forEach(id -> stub.updateTwin(id, null, "{\"tags\":{\"linkguard\":{\"stage\":\"tagged\"}}}"));
            try (HubConnection hub = factory(stub).connect(HubTarget.parse(stub.armId()))) {
                assertThat(hub.roster(RosterScope.COUNT_AND_TAGGED).tagged()).hasSize(2500);
            }
            assertThat(stub.requests(StubOperation.QUERY)).filteredOn(r -> r.body().contains("SELECT deviceId FROM devices WHERE"))
                    .as("pages of 1000: 3 requests, the 2nd and 3rd with the token").hasSize(3)
                    .extracting(r -> r.header("x-ms-continuation")).containsExactly(null, "1000", "2000");
        }
    }
}
