package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The properties_s fast path must give exactly what Jackson gives, for any text. */
class PropertiesScannerTest {
    private static final String TYPICAL = "{\"deviceId\":\"a-dev-00006\",\"moduleId\":\"module-1\",\"protocol\":\"Mqtt\","
            + "\"authType\":\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\",\\\"issuer\\\":\\\"iothub\\\","
            + "\\\"acceptingIpFilterRule\\\":null}\",\"maskedIpAddress\":\"62.88.126.XXX\","
            + "\"sdkVersion\":\"azure-iot-device-client/2.6.1\",\"statusCode\":null}";

    static String[] fields(ConnectionProperties p) {
        return p == null ? null : new String[] {p.deviceId(), p.moduleId(), p.maskedIp, p.sdkVersion, p.protocol, p.authType};
    }

    static void assertAgrees(String json) {
        assertThat(fields(ConnectionProperties.parse(json, new PropertiesScanner()))).as(json)
                .isEqualTo(fields(ConnectionProperties.parseWithJackson(json)));
    }

    @Test
    void theUsualShapeIsAnsweredByTheScannerItself() {
        ConnectionProperties p = new PropertiesScanner().scan(TYPICAL);
        assertThat(fields(p)).containsExactly("a-dev-00006", "module-1", "62.88.126.XXX",
                "azure-iot-device-client/2.6.1", "Mqtt", "sas/device");
        assertThat(new PropertiesScanner().scan(" {\r\n\t\"deviceId\" : \"d\" , \"n\": -1.5e+3, \"b\": true, \"x\": \"\" }"))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"deviceId\":\"d\",\"authType\":\"{\\\"type\\\":\\\"x509\\\",\\\"scope\\\":\\\"module\\\"}\"}|x509/module",
            "{\"deviceId\":\"d\",\"authType\":{\"scope\":\"device\",\"type\":\"sas\"}}|sas/device",
            "{\"deviceId\":\"d\",\"authType\":\"{\\\"t\\u0079pe\\\":\\\"sas\\\"}\"}|sas",
            "{\"deviceId\":\"d\",\"authType\":null}|",
            "{\"deviceId\":\"d\",\"authType\":\"\"}|",
            "{\"deviceId\":\"d\",\"authType\":\"{broken\"}|",
            "{\"deviceId\":\"d\",\"authType\":\"{}\"}|",
            "{\"deviceId\":\"d\",\"authType\":\"x509\"}|x509",
            "{\"deviceId\":\"d\",\"authType\":\"sas\",\"authType\":null}|sas",
    })
    void authTypeBecomesItsCohortLabelOnBothPaths(String jsonAndLabel) {
        String json = jsonAndLabel.substring(0, jsonAndLabel.lastIndexOf('|'));
        String label = jsonAndLabel.substring(jsonAndLabel.lastIndexOf('|') + 1);
        assertThat(ConnectionProperties.parseWithJackson(json).authType).as(json).isEqualTo(label.isEmpty() ? null : label);
        assertAgrees(json);
    }

    @Test
    void theScannerReusesTheLabelOfARepeatedAuthTypeButNotOfAChangedOne() {
        PropertiesScanner scanner = new PropertiesScanner();
        assertThat(scanner.scan(TYPICAL).authType).isEqualTo("sas/device");
        assertThat(scanner.scan(TYPICAL).authType).isEqualTo("sas/device");
        assertThat(scanner.scan(TYPICAL.replace("sas", "x509")).authType).isEqualTo("x509/device");
        assertThat(scanner.scan("{\"deviceId\":\"d\"}").authType).isNull();
    }

    @Test
    void keptValuesWithEscapesAreDecodedByTheScannerItself() {
        ConnectionProperties p = new PropertiesScanner().scan("{\"deviceId\":\"qu\\\"ote\",\"moduleId\":\"m\\u002d1\","
                + "\"sdkVersion\":\"a\\u0085b\\r\\n\",\"protocol\":\"\\/x\"}");
        assertThat(fields(p)).containsExactly("qu\"ote", "m-1", null, "a\\u0085b\\u000D\\u000A", "/x", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"deviceId\":\"dev\\u002d1\"}",              // escapes in kept values
            "{\"deviceId\":\"d\",\"moduleId\":\"m\\\\\",\"maskedIpAddress\":\"1\\n2\",\"protocol\":\"\\uD800\"}",
            "{\"deviceId\":\"d\\u0000\",\"sdkVersion\":\"\\u001b[2J\\u2028\\u007f\\u009f\\u00a0\"}",
            "{\"deviceId\":\"d\",\"sdkVersion\":\"raw \u0085\u2029\u007f\u00a0 \uD83D\uDE00\",\"protocol\":\"\u009b\"}",
            "{\"deviceId\":\"d\",\"maskedIpAddress\":\"\u2028\",\"moduleId\":\"\u0080\"}",
            "{\"deviceId\":\"qu\\\"ote\"}",
            "{\"deviceId\":123}",                         // a number as the id
            "{\"deviceId\":true,\"protocol\":false}",
            "{\"deviceId\":{\"nested\":1},\"protocol\":[\"Mqtt\"]}",
            "{\"deviceId\":\"d\",\"authType\":{\"scope\":\"device\"}}",
            "{\"deviceId\":\"d\",\"deviceId\":\"e\"}",     // duplicates: the last non-empty one
            "{\"deviceId\":\"d\",\"deviceId\":\"\"}",
            "{\"deviceId\":\"d\",\"deviceId\":null}",
            "{\"deviceId\":\"d\"} trailing text",          // nothing after the object is read
            "{\"deviceId\":\"d\",}",                       // trailing comma
            "{\"deviceId\":\"d\" \"protocol\":\"Mqtt\"}",  // missing comma
            "{\"deviceId\":\"d\",\"n\":01}",               // leading zero
            "{\"deviceId\":\"d\",\"n\":1.}",
            "{\"deviceId\":\"d\",\"n\":-}",
            "{\"deviceId\":\"d\",\"n\":NaN}",
            "{\"deviceId\":\"d\",\"s\":\"bad \\x escape\"}",
            "{\"deviceId\":\"d\",\"s\":\"\\u12G4\"}",
            "{\"deviceId\":\"d\",\"s\":\"\\u\uFF10\uFF10\uFF10\uFF10\"}",  // fullwidth digits are no hex digits
            "{\"deviceId\":\"d\",\"s\":\"\\u0\u013000\"}",         // Jackson reads only the low byte of a hex digit
            "{\"deviceId\":\"d\",\"\u00e9t\u00e9\":\"\u4e2d\"}",
            "{\"deviceId\":\"d\",\"s\":\"tab\there\"}",     // raw control character
            "{\"dev\\u0069ceId\":\"d\"}",                  // escaped key
            "{\"deviceId\":nul}",
            "{\"deviceId\":\"d\"",                        // truncated
            "{deviceId: d}",
            "[{\"deviceId\":\"d\"}]",
            "\uFEFF{\"deviceId\":\"d\"}",
            "\u000B{\"deviceId\":\"d\"}",
            "",
            "   ",
            "null",
            "{}",
            "{\"deviceId\":\"gerät-é中\",\"sdkVersion\":\"\uD83D\uDE00\"}",
            "{\"deviceId\":\"d\", /* comment */ \"protocol\":\"Mqtt\"}",
    })
    void oddAndMalformedTextsAgreeWithJackson(String json) {
        assertAgrees(json);
    }

    @Test
    void aScannerReadingRowAfterRowAgreesWithJacksonOnEachRow() {
        // one scanner for all rows, as in a read: values it remembers from earlier rows must never leak
        PropertiesScanner scanner = new PropertiesScanner();
        String[] sdks = {"azure-iot-device/1.18.3 (node v20)", "sdk\u0085", "sdk\\u0085", "sdk", "", "x\u2028", "sdk\u0085"};
        String[] protocols = {"Mqtt", "Amqp", "MqttWs", "Mqtt\u007f", "Https", "Mqtt\\u007f", "AmqpWs"};
        String[] ids = {"a-dev-1", "a-dev-2", "q\\\"d", "a-dev-1"};
        Random rnd = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            String json = "{\"deviceId\":\"" + ids[rnd.nextInt(ids.length)] + "\",\"sdkVersion\":\""
                    + sdks[rnd.nextInt(sdks.length)] + "\",\"protocol\":\"" + protocols[rnd.nextInt(protocols.length)]
                    + "\",\"authType\":\"" + (rnd.nextBoolean() ? "sas" : "{\\\"type\\\":\\\"x509\\\"}") + "\"}";
            assertThat(fields(ConnectionProperties.parse(json, scanner))).as(json)
                    .isEqualTo(fields(ConnectionProperties.parseWithJackson(json)));
        }
    }

    @Test
    void anAuthTypeThatOnlyBeginsLikeThePreviousOneIsReadAfresh() {
        PropertiesScanner scanner = new PropertiesScanner();
        String raw = "{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\"}";
        String[] authTypes = {raw, raw + "x", raw, raw.substring(0, raw.length() - 1), raw, raw + "\\\"",
                raw + "\\", raw, raw.replace("sas", "x509"), raw + "\\u0041", raw};
        for (String authType : authTypes) {
            String json = "{\"deviceId\":\"d\",\"authType\":\"" + authType + "\",\"protocol\":\"Mqtt\"}";
            assertThat(fields(ConnectionProperties.parse(json, scanner))).as(json)
                    .isEqualTo(fields(ConnectionProperties.parseWithJackson(json)));
        }
    }

    @Test
    void randomMutationsAgreeWithJackson() {
        Random rnd = new Random(11);
        String alphabet = "{}[]:,\"\\ \t\n-+.eE0123456789abcdeftfnulrsxdvIXu\u00e9\u0001/\uFF10\u0130\u4e2d";
        String[] seeds = {TYPICAL, "{\"deviceId\":\"d\",\"n\":-12.5e3,\"b\":false,\"z\":null}",
                "{\"deviceId\":\"d\",\"authType\":{\"a\":[1,{\"b\":\"c\"}]}}"};
        PropertiesScanner reused = new PropertiesScanner();
        for (int i = 0; i < 30_000; i++) {
            char[] text = seeds[i % seeds.length].toCharArray();
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(text.length + 1);
                char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
                switch (rnd.nextInt(3)) {
                    case 0 -> { // insert
                        char[] longer = Arrays.copyOf(text, text.length + 1);
                        System.arraycopy(text, at, longer, at + 1, text.length - at);
                        longer[at] = c;
                        text = longer;
                    }
                    case 1 -> { // delete
                        if (at < text.length) {
                            char[] shorter = new char[text.length - 1];
                            System.arraycopy(text, 0, shorter, 0, at);
                            System.arraycopy(text, at + 1, shorter, at, text.length - at - 1);
                            text = shorter;
                        }
                    }
                    default -> { // replace
                        if (at < text.length) {
                            text[at] = c;
                        }
                    }
                }
            }
            String json = new String(text);
            assertAgrees(json);
            assertThat(fields(ConnectionProperties.parse(json, reused))).as("reused scanner: " + json)
                    .isEqualTo(fields(ConnectionProperties.parseWithJackson(json)));
        }
    }
}
