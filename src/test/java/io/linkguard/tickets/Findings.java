package io.linkguard.tickets;

import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.evidence.Identity;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import java.nio.file.Path;
import java.util.List;

/** Real findings of every class, from the bundled sample fleet run through the real analyzer (once per JVM). */
public final class Findings {
    private static Plan plan;

    private Findings() {
    }

    public static synchronized Plan plan() {
        if (plan == null) {
            try {
                AnalysisSettings s = AnalysisSettings.DEFAULTS;
                plan = new Analyzer(s).analyze(new ExportedLogsSource(s.evidence(), s.thresholds().fleetBin())
                        .read(Path.of("samples/connections-sample.csv.gz")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return plan;
    }

    /** The busiest finding of the class. */
    public static Finding of(Classification c) {
        return plan().findings().stream().filter(f -> f.verdict().classification() == c)
                .max(java.util.Comparator.comparingLong(f -> f.evidence().conflicts())).orElseThrow();
    }

    public static Finding shared() {
        return of(Classification.SHARED_IDENTITY);
    }

    public static Finding faulty() {
        return of(Classification.FAULTY_RECONNECT);
    }

    /** The same finding for another identity (ids with Markdown/HTML/mention characters, a module). */
    public static Finding as(Finding f, Identity identity) {
        return new Finding(identity, f.verdict(), f.evidence(), f.actions(), f.timeline());
    }

    /** The same evidence under another class (a reclassified identity). */
    public static Finding reclassified(Finding f, Classification c) {
        return new Finding(f.identity(), new io.linkguard.classification.Verdict(c, f.verdict().confidence(),
                f.verdict().reasons()), f.evidence(), f.actions(), f.timeline());
    }

    public static TicketRequest request(Finding f, String runId, TicketState previous, String... actions) {
        return new TicketRequest(TicketKey.of(f.identity(), f.verdict().classification()), f, List.of(actions), runId, previous);
    }
}
