package io.linkguard.tickets;

import static io.linkguard.tickets.body.TicketDocument.Inline.code;
import static io.linkguard.tickets.body.TicketDocument.Inline.strong;
import static io.linkguard.tickets.body.TicketDocument.inlines;

import io.linkguard.tickets.body.DeviceText;
import io.linkguard.tickets.body.TicketDocument;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.findings.PrecursorCause;
import io.linkguard.tickets.body.TicketDocument.Inline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a cohort's fleet-level ticket: the shared attribute, its share among the class against its share
 * among the hub's active identities, the significance, the drops that preceded the members' conflicts with their
 * documented remedies, and the members. The attribute value and the ids come from devices: each goes through
 * {@link DeviceText} and is rendered as data.
 */
final class CohortBodies {
    /** Members listed in a ticket: enough to find the pattern, few enough for ServiceNow's field sizes. */
    static final int MEMBERS_SHOWN = 50;

    private CohortBodies() {
    }

    static String title(Cohort c) {
        return "[LinkGuard] cohort " + c.classification().label() + " on " + c.hub() + ": " + c.dimension().label() + " "
                + DeviceText.line(c.value(), DeviceText.VALUE_LIMIT) + " (" + c.members() + " identities)";
    }

    static TicketDocument opening(TicketRequest request, RemoteTicket earlier) {
        TicketDocument.Builder doc = TicketDocument.builder();
        summary(doc, request);
        if (earlier != null) {
            doc.paragraph("The same cohort was reported before in " + earlier.displayId() + ", which is closed; this "
                    + "ticket continues it.");
        }
        return details(doc, request);
    }

    static TicketDocument update(TicketRequest request) {
        TicketDocument.Builder doc = TicketDocument.builder()
                .heading("Still happening (LinkGuard run " + request.runId() + ")");
        return details(doc, request);
    }

    static TicketDocument reopened(TicketRequest request) {
        TicketDocument.Builder doc = TicketDocument.builder()
                .heading("The cohort is back (LinkGuard run " + request.runId() + ")");
        summary(doc, request);
        return details(doc, request);
    }

    /** The evidence, the cohorts the ticket stands for, and the members: what every ticket body of a cohort ends with. */
    private static TicketDocument details(TicketDocument.Builder doc, TicketRequest request) {
        evidence(doc, request.cohort());
        overlapping(doc, request);
        members(doc, request.cohort());
        return doc.build();
    }

    /** Resolved without a cohort: the key says which one is gone. */
    static TicketDocument resolution(TicketRequest request) {
        return TicketDocument.builder().paragraph(inlines("LinkGuard run ", code(String.valueOf(request.runId())),
                " no longer finds the cohort ", code(request.key().value()),
                " in a complete read of the hub's logs; resolving.")).build();
    }

    private static void summary(TicketDocument.Builder doc, TicketRequest request) {
        Cohort c = request.cohort();
        doc.paragraph(inlines("On IoT hub ", code(c.hub()), ", " + c.members() + " of the " + c.classIdentities()
                + " ", strong(c.classification().label()), " identities share " + c.dimension().label() + " ",
                code(DeviceText.line(c.value(), DeviceText.VALUE_LIMIT)),
                ". One cause, one ticket: fix it once for the whole cohort."));
        doc.paragraph(inlines("Ticket key: ", code(request.key().value()), " (LinkGuard run ", code(request.runId()), ")."));
    }

    private static void evidence(TicketDocument.Builder doc, Cohort c) {
        doc.heading("Evidence");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("share among " + c.classification().label() + " identities",
                percent(c.classShare()) + " (" + c.members() + " of " + c.classIdentities() + ")"));
        rows.add(List.of("share among active identities",
                percent(c.activeShare()) + " (" + c.valueIdentities() + " of " + c.activeIdentities() + ")"));
        rows.add(List.of("lift", String.format(Locale.ROOT, "%.1f", c.lift())));
        rows.add(List.of("p-value (one-sided; adjusted for the candidates tested)",
                String.format(Locale.ROOT, "%.1e (%.1e)", c.pValue(), c.adjustedP())));
        doc.table(List.of("measure", "value"), rows);
        PrecursorBreakdown p = c.precursors();
        if (p == null || p.byCause().isEmpty()) {
            doc.paragraph("No drop preceded the members' conflicts: the conflicts come from the clients themselves.");
            return;
        }
        doc.heading("What dropped the connection before the conflicts");
        List<List<Inline>> causes = new ArrayList<>();
        for (Map.Entry<PrecursorCause, PrecursorBreakdown.Count> e : p.byCause().entrySet()) {
            PrecursorCause cause = e.getKey();
            causes.add(inlines(strong(cause.label()), " (" + cause.codes() + "): " + e.getValue().identities()
                    + " identities, " + e.getValue().conflicts() + " conflicts. Remedy: " + cause.remedy() + "."));
        }
        doc.bullets(causes);
        p.byCause().keySet().forEach(cause -> doc.link("Microsoft's page on " + cause.codes(), cause.doc()));
    }

    /** The cohorts this ticket stands for: the same members seen through another attribute. */
    private static void overlapping(TicketDocument.Builder doc, TicketRequest request) {
        if (request.overlapping().isEmpty()) {
            return;
        }
        doc.heading("The same identities, seen through other attributes");
        doc.paragraph("These cohorts were found too; every one of their members is in this cohort, so this ticket "
                + "stands for them and they get none of their own.");
        doc.bullets(request.overlapping().stream().map(o -> inlines(o.dimension().label() + " ",
                code(DeviceText.line(o.value(), DeviceText.VALUE_LIMIT)), String.format(Locale.ROOT,
                        ": %d identities, %s of the class, lift %.1f", o.members(), percent(o.classShare()), o.lift())))
                .toList());
    }

    private static void members(TicketDocument.Builder doc, Cohort c) {
        List<Identity> ids = c.memberIds();
        int shown = Math.min(ids.size(), MEMBERS_SHOWN);
        doc.heading("Members (" + ids.size() + (shown < ids.size() ? ", first " + shown : "") + ")");
        doc.bullets(ids.subList(0, shown).stream()
                .map(i -> List.of(Inline.data(DeviceText.line(i.display(), DeviceText.VALUE_LIMIT)))).toList());
        if (shown < ids.size()) {
            doc.paragraph((ids.size() - shown) + " more: the plan JSON's fleetFindings lists them all.");
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
