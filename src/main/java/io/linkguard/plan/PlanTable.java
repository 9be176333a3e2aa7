package io.linkguard.plan;

import io.linkguard.classification.Classification;
import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.ControlCharacters;
import io.linkguard.evidence.InputSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan as a terminal table: what an operator reads first. */
public final class PlanTable {
    private static final List<Classification> CLASS_ORDER = List.of(Classification.SHARED_IDENTITY,
            Classification.FAULTY_RECONNECT, Classification.TRANSIENT, Classification.PLATFORM_EVENT);
    /** Shared identities first, then faulty, transient, platform-event; busiest first within a class. */
    private static final Comparator<Finding> OPERATOR_ORDER = Comparator
            .comparingInt((Finding f) -> CLASS_ORDER.indexOf(f.verdict().classification()))
            .thenComparing(Comparator.comparingLong((Finding f) -> f.evidence().conflicts()).reversed())
            .thenComparing(Finding::identity);

    private PlanTable() {
    }

    public static String write(Plan plan) {
        StringBuilder out = new StringBuilder();
        try {
            write(plan, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the table to {@code target} identity by identity, so that no text of the whole plan is held in memory. */
    public static void write(Plan plan, Appendable target) throws IOException {
        StringBuilder out = new StringBuilder();
        InputSummary in = plan.input();
        out.append(String.format(Locale.ROOT, "Input: %s%n  %d rows, %d used, %d skipped%s%n",
                ControlCharacters.escape(in.source()), in.rows(),
                in.used(), in.rows() - in.used(), in.skipped().isEmpty() ? "" : " " + in.skipped()));
        if (in.incompleteBecause() != null) {
            out.append(in.unusable() ? "  NO USABLE INPUT: " : "  INCOMPLETE INPUT: ")
                    .append(ControlCharacters.escape(in.incompleteBecause())).append('\n');
        }
        for (String warning : in.warnings()) {
            out.append("  warning: ").append(ControlCharacters.escape(warning)).append('\n');
        }
        out.append('\n');
        if (plan.fleetEvents().isEmpty()) {
            out.append("Fleet events: none\n");
        } else {
            out.append("Fleet events (no per-device action for identities caught in them):\n");
            for (FleetEvent e : plan.fleetEvents()) {
                out.append(String.format(Locale.ROOT, "  %s  %s .. %s  %s, %d classified platform-event%n    %s%n",
                        e.hub(), e.from(), e.to(), e.trigger(), PlanQueries.platformIdentitiesIn(plan, e), e.explanation()));
            }
        }
        out.append('\n');
        FleetFindingsTable.append(out, plan.fleetFindings());
        List<Finding> findings = plan.findings().stream().sorted(OPERATOR_ORDER).toList();
        if (findings.isEmpty()) {
            out.append(in.unusable() ? "Nothing was judged: no row of the input could be used.\n"
                    : "No identity with a 409002/400027 conflict.\n");
            target.append(out);
            return;
        }
        String header = String.format(Locale.ROOT, "%-17s %5s %9s %-16s %s", "CLASS", "CONF", "CONFLICTS", "ACTIONS", "IDENTITY / WHY");
        out.append(header).append('\n');
        target.append(out);
        for (Finding f : findings) {
            out.setLength(0);
            String actions = f.actions().isEmpty() ? "-" : f.actions().stream().map(Action::label).collect(Collectors.joining(","));
            out.append(String.format(Locale.ROOT, "%-17s %5.2f %9d %-16s %s%n", f.verdict().classification().label(),
                    f.verdict().confidence(), f.evidence().conflicts(), actions, f.identity().display()));
            out.append(String.format(Locale.ROOT, "%-50s %s%n", "", f.verdict().reasons().get(0)));
            target.append(out);
        }
        target.append('\n').append(PlanSummary.of(plan).line()).append('\n');
    }
}
