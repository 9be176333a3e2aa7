package io.linkguard.hub.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.TwinQueryResponse;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.linkguard.hub.QueryConditions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stub hub's own rules, which the adapter tests rely on. */
class StubHubTest {
    private static StubHub stub;

    @BeforeAll
    static void start() {
        stub = StubHub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static int get(String pathAndQuery, String authorization) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://" + stub.hostName() + pathAndQuery).openConnection();
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }

    @Test
    void requestsWithoutATokenOrWithoutTheApiVersionAreRefused() throws IOException {
        stub.addDevice("auth-1");
        assertThat(get("/twins/auth-1?api-version=" + StubHub.API_VERSION, null)).isEqualTo(401);
        assertThat(get("/twins/auth-1", "Bearer x")).isEqualTo(400);
        assertThat(get("/twins/auth-1?api-version=2018-06-30", "Bearer x")).isEqualTo(400);
        assertThat(get("/twins/auth-1?api-version=" + StubHub.API_VERSION, "Bearer x")).isEqualTo(200);
        assertThat(get("/nothing/here?api-version=" + StubHub.API_VERSION, "Bearer x")).isEqualTo(405);
    }

    @Test
    void anUnquotedIfMatchDoesNotMatchLikeOnTheRealHub() throws Exception {
        stub.addDevice("etag-1");
        TwinClient client = new TwinClient(stub.hostName(), stub.credential());
        Twin patch = new Twin("etag-1");
        patch.getTags().put("a", 1);
        String etag = stub.twin("etag-1").orElseThrow().etag();

        assertThatThrownBy(() -> client.patch(patch, etag)).isInstanceOf(IotHubPreconditionFailedException.class);
        assertThat(client.patch(patch, "\"" + etag + "\"").getETag()).isNotEqualTo(etag);
        assertThat(client.patch(patch, "*").getTags().get("a")).isEqualTo(1L);
    }

    @Test
    void theQuerySubsetFindsTwinsByTagThroughTheRealQueryClientWithPaging() throws Exception {
        for (int i = 0; i < 5; i++) {
            stub.addDevice("q-" + i);
            stub.updateTwin("q-" + i, null, "{\"tags\":{\"linkguard\":{\"classification\":\""
                    + (i % 2 == 0 ? "shared-identity" : "transient") + "\",\"conflicts\":" + i + "}}}");
        }
        stub.updateTwin("q-4", null, "{\"properties\":{\"desired\":{\"linkguard\":{\"backoff\":{\"holdSeconds\":60}}}}}");
        TwinClient client = new TwinClient(stub.hostName(), stub.credential());

        List<String> shared = ids(client.query(
                "SELECT * FROM devices WHERE tags.linkguard.classification = 'shared-identity'",
                QueryPageOptions.builder().pageSize(2).build()));
        List<String> backoff = ids(client.query("SELECT * FROM devices WHERE IS_DEFINED(properties.desired.linkguard.backoff)"));
        List<String> many = ids(client.query("SELECT * FROM devices WHERE tags.linkguard.conflicts = 3 AND deviceId IN ['q-3','q-1']"));

        assertThat(shared).containsExactly("q-0", "q-2", "q-4");
        assertThat(backoff).containsExactly("q-4");
        assertThat(many).containsExactly("q-3");
        assertThat(stub.requests(StubOperation.QUERY)).as("the second page was asked for with the continuation token")
                .anySatisfy(r -> assertThat(r.header("x-ms-continuation")).isEqualTo("2"));
    }

    @Test
    void aQueryItDoesNotUnderstandIsABadRequestNotAWrongAnswer() {
        TwinClient client = new TwinClient(stub.hostName(), stub.credential());
        assertThatThrownBy(() -> client.query("SELECT COUNT() FROM devices GROUP BY tags.x"))
                .hasMessageContaining("does not understand");
    }

    @Test
    void jobConditionsFromTheAdapterParseBackToTheSameIds() {
        List<String> ids = List.of("plain", "it's", "back\\slash", "a,b", "[x]", "ünï");
        assertThat(DeviceIdCondition.parse(QueryConditions.deviceIdIn(ids))).isEqualTo(ids);
        assertThat(DeviceIdCondition.parse("deviceId = 'one'")).containsExactly("one");
        assertThat(DeviceIdCondition.parse("deviceId IN ['a' 'b']")).isNull();
        assertThat(DeviceIdCondition.parse("tags.x = 'a'")).isNull();
    }

    @Test
    void theTwinLimitsAreEnforcedOnEveryWriter() {
        stub.addDevice("limit-1");
        assertThatThrownBy(() -> stub.updateTwin("limit-1", null, "{\"tags\":{\"a.b\":1}}"))
                .hasMessageContaining("'a.b'");
        String deep = "{\"a\":".repeat(11) + "1" + "}".repeat(11);
        assertThatThrownBy(() -> stub.updateTwin("limit-1", null, "{\"tags\":" + deep + "}"))
                .hasMessageContaining("deeper");
        assertThat(stub.twin("limit-1").orElseThrow().version()).isEqualTo(1);
    }

    private static List<String> ids(TwinQueryResponse response) throws Exception {
        List<String> out = new ArrayList<>();
        while (response.hasNext()) {
            out.add(response.next().getDeviceId());
        }
        return out;
    }

}
