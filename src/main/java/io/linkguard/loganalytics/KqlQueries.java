package io.linkguard.loganalytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * LinkGuard's production KQL: .kql resources next to this class, each prefixed with the parameters as let
 * statements, the shared connections.kql prelude and the authLabel function (auth-label.kql).
 */
public final class KqlQueries {
    public static final String AFFECTED_COUNT = "affected-count.kql";
    public static final String FLEET_BINS = "fleet-bins.kql";
    public static final String IDENTITY_OBSERVATIONS = "identity-observations.kql";
    public static final String HUB_POPULATION = "hub-population.kql";

    private static final String PRELUDE = resource("connections.kql");
    private static final String AUTH_LABEL = resource("auth-label.kql");

    private KqlQueries() {
    }

    public static String render(String query, QueryParameters p, int partitions, int partition) {
        if (partitions < 1 || partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " of " + partitions);
        }
        String lets = "let _lookback = " + KqlLiterals.timespan(p.lookback()) + ";\n"
                + "let _ingestedSince = " + KqlLiterals.datetime(p.ingestedSince()) + ";\n"
                + "let _hubs = " + KqlLiterals.hubNames(p.hubs()) + ";\n"
                + "let _devices = " + KqlLiterals.deviceIds(p.devices()) + ";\n"
                + "let _partitions = " + partitions + ";\n"
                + "let _partition = " + partition + ";\n"
                + "let _bin = " + KqlLiterals.timespan(p.bin()) + ";\n"
                + "let _renewalWindow = " + KqlLiterals.timespan(p.renewalWindow()) + ";\n"
                + "let _timelineEvents = " + p.timelineEvents() + ";\n";
        return lets + PRELUDE + AUTH_LABEL + resource(query);
    }

    static String resource(String name) {
        try (InputStream in = KqlQueries.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing query resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
