package io.linkguard.tickets;

import static io.linkguard.tickets.body.TicketDocument.Inline.code;
import static io.linkguard.tickets.body.TicketDocument.Inline.strong;
import static io.linkguard.tickets.body.TicketDocument.inlines;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.loganalytics.ReproduceQueries;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.body.DeviceText;
import io.linkguard.tickets.body.TicketDocument;
import io.linkguard.tickets.body.TicketDocument.Inline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of every ticket step, built from the finding alone so a ticket is useful on its own: what
 * was found and how sure, the evidence, the fix for the class, what LinkGuard did, and the KQL to see
 * it in the customer's own workspace. The timeline excerpt is a separate {@link #appendix} so a sink with
 * small fields (ServiceNow's 4,000 characters) can post it as its own note instead of cutting the fix or
 * the queries.
 */
public final class TicketBodies {
    /** Events of the timeline excerpt: enough to see the pattern, few enough to read. */
    public static final int TIMELINE_EXCERPT = 20;
    /** The latest actions shown: the ticket says what LinkGuard did recently, the twin tag keeps the rest. */
    public static final int ACTIONS_SHOWN = 20;

    private TicketBodies() {
    }

    public static String title(TicketRequest request) {
        if (request.cohort() != null) {
            return CohortBodies.title(request.cohort());
        }
        Finding f = request.finding();
        return f == null ? "[LinkGuard] " + request.key().value()
                : "[LinkGuard] " + f.verdict().classification().label() + ": " + f.identity().display();
    }

    /** The body of a new ticket; {@code earlier} is a closed ticket for the same key, when there is one. */
    public static TicketDocument opening(TicketRequest request, RemoteTicket earlier) {
        if (request.cohort() != null) {
            return CohortBodies.opening(request, earlier);
        }
        TicketDocument.Builder doc = TicketDocument.builder();
        summary(doc, request);
        if (earlier != null) {
            doc.paragraph("The same problem was reported before in " + earlier.displayId()
                    + ", which is closed; this ticket continues it.");
            if (earlier.url() != null) {
                doc.link(earlier.displayId(), earlier.url());
            }
        }
        return details(doc, request).build();
    }

    /** A comment while the problem goes on: the current measures and what LinkGuard did since. */
    public static TicketDocument update(TicketRequest request) {
        if (request.cohort() != null) {
            return CohortBodies.update(request);
        }
        Finding f = request.finding();
        TicketDocument.Builder doc = TicketDocument.builder()
                .heading("Still happening (LinkGuard run " + request.runId() + ")")
                .paragraph(inlines("Classified ", strong(f.verdict().classification().label()), " with confidence "
                        + confidence(f) + "."));
        doc.table(List.of("measure", "value"), counts(f.evidence()));
        actions(doc, request);
        return doc.build();
    }

    /** The comment on a ticket opened again because the problem came back. */
    public static TicketDocument reopened(TicketRequest request) {
        if (request.cohort() != null) {
            return CohortBodies.reopened(request);
        }
        TicketDocument.Builder doc = TicketDocument.builder()
                .heading("The problem is back (LinkGuard run " + request.runId() + ")");
        summary(doc, request);
        return details(doc, request).build();
    }

    /** The resolution note; a quiet identity is resolved without a finding. */
    public static TicketDocument resolution(TicketRequest request) {
        if (request.cohort() != null || request.finding() == null && request.key().isCohort()) {
            return CohortBodies.resolution(request);
        }
        Finding f = request.finding();
        TicketDocument.Builder doc = TicketDocument.builder()
                .paragraph(inlines("LinkGuard run ", code(String.valueOf(request.runId())), " saw no more connection conflicts for ",
                        code(f == null ? request.key().value() : f.identity().display()), "; resolving."));
        if (f != null && f.evidence().lastConflict() != null) {
            doc.paragraph("Last conflict: " + time(f.evidence().lastConflict()) + ".");
        }
        actions(doc, request);
        return doc.build();
    }

    public static TicketDocument duplicate(TicketRequest request, RemoteTicket kept) {
        TicketDocument.Builder doc = TicketDocument.builder()
                .paragraph(inlines("Duplicate of " + kept.displayId() + ": LinkGuard runs opened more than one ticket for ",
                        code(request.key().value()), " at the same time. The oldest one is kept."));
        if (kept.url() != null) {
            doc.link(kept.displayId(), kept.url());
        }
        return doc.build();
    }

    public static TicketDocument superseded(TicketRequest request, RemoteTicket successor) {
        Finding f = request.finding();
        TicketDocument.Builder doc = TicketDocument.builder()
                .paragraph(inlines("LinkGuard now classifies ", code(f.identity().display()), " as ",
                        strong(f.verdict().classification().label()), " (confidence " + confidence(f)
                                + "). That class has its own ticket"
                                + (successor == null ? "" : ", " + successor.displayId()) + "; closing this one."));
        if (successor != null && successor.url() != null) {
            doc.link(successor.displayId(), successor.url());
        }
        return doc.build();
    }

    private static void summary(TicketDocument.Builder doc, TicketRequest request) {
        Finding f = request.finding();
        Identity id = f.identity();
        List<Object> who = new ArrayList<>(List.of("LinkGuard classified device ", code(id.deviceId())));
        if (id.isModule()) {
            who.addAll(List.of(" (module ", code(id.moduleId()), ")"));
        }
        who.addAll(List.of(" on IoT hub ", code(id.hub()), " as ", strong(f.verdict().classification().label()),
                " with confidence " + confidence(f) + ". " + meaning(f.verdict().classification())));
        doc.paragraph(who.toArray());
        doc.paragraph(inlines("Ticket key: ", code(request.key().value()), " (LinkGuard run ", code(request.runId()), ")."));
        doc.heading("Why");
        doc.bullets(f.verdict().reasons().stream().map(r -> List.of(Inline.data(DeviceText.line(r, DeviceText.LINE_LIMIT))))
                .toList());
    }

    private static TicketDocument.Builder details(TicketDocument.Builder doc, TicketRequest request) {
        Finding f = request.finding();
        IdentityEvidence e = f.evidence();
        doc.heading("Evidence");
        doc.table(List.of("measure", "value"), counts(e));
        doc.bullets(List.of(
                inlines("Masked addresses (" + e.distinctIps() + "): ", list(e.ips(), e.distinctIps())),
                inlines("SDK versions (" + e.distinctSdkVersions() + "): ", list(e.sdkVersions(), e.distinctSdkVersions())),
                inlines("Protocols: ", list(e.protocols(), e.distinctProtocols()))));
        doc.heading("Recommended fix");
        fix(doc, f);
        actions(doc, request);
        doc.heading("Reproduce in your Log Analytics workspace");
        doc.paragraph("The workspace that receives the hub's Connections resource logs (diagnostic setting, "
                + "AzureDiagnostics table). Every Connections row of this identity, oldest first:");
        doc.code("kusto", ReproduceQueries.timeline(f.identity(), e));
        doc.paragraph("Each address and SDK version it connected from; two or more active over the same hours are "
                + "two or more clients:");
        doc.code("kusto", ReproduceQueries.clients(f.identity(), e));
        return doc;
    }

    private static void fix(TicketDocument.Builder doc, Finding f) {
        switch (f.verdict().classification()) {
            case SHARED_IDENTITY -> {
                doc.paragraph("Two or more clients use this one identity and keep closing each other's connection. "
                        + "A back-off cannot help: each client reconnects on its own. Give each client its own identity:");
                doc.bullets(List.of(
                        inlines("Find the clones: the second query lists every masked address and SDK version with its "
                                + "connects; look for machines behind those addresses that run a cloned image, a copied "
                                + "connection string or certificate, or a second process or container with the same identity."),
                        inlines("Give each clone its own identity: register a new device (or module) identity for it, or "
                                + "re-provision it through the Device Provisioning Service with a registration id derived "
                                + "from the hardware (TPM, serial number), not baked into the image."),
                        inlines("Then rotate this identity's keys or certificate so a forgotten copy can no longer connect."),
                        inlines("Conflicts for ", code(f.identity().display()),
                                " stop once one client is left; LinkGuard then resolves this ticket.")));
            }
            case FAULTY_RECONNECT -> {
                doc.paragraph("One client opens a new connection while its own previous connection is still open, "
                        + "so the hub closes the old one (409002/400027) again and again.");
                doc.bullets(List.of(
                        inlines("Keep exactly one client instance per identity for the life of the process."),
                        inlines("Let the SDK own reconnection (its retry policy); do not dispose and re-create the client "
                                + "while the SDK is still retrying, and do not open a new connection on a timer or on "
                                + "every send failure."),
                        inlines("Honour LinkGuard's back-off instruction (direct method ", code("linkguardBackoff"),
                                " or desired property ", code("linkguard.backoff"),
                                "): see docs/backoff-contract.md in the LinkGuard repository.")));
            }
            case TRANSIENT -> doc.paragraph("The conflicts follow drops (404104, token renewal, server errors): they are "
                    + "a side effect. Look at why the connection drops (network, keep-alive, token lifetime).");
            case PLATFORM_EVENT -> doc.paragraph("The conflicts fall inside a hub-wide upgrade or outage: nothing to do on "
                    + "the device.");
        }
    }

    private static void actions(TicketDocument.Builder doc, TicketRequest request) {
        doc.heading("What LinkGuard did");
        List<String> done = request.actionsTaken() == null ? List.of() : request.actionsTaken();
        if (done.isEmpty()) {
            doc.paragraph("Nothing on the device or its twin yet besides this ticket.");
        } else {
            doc.bullets(done.stream().skip(Math.max(0, done.size() - ACTIONS_SHOWN))
                    .map(a -> List.of(Inline.data(DeviceText.line(a, DeviceText.LINE_LIMIT)))).toList());
        }
    }

    /** The latest events as a table: the appendix of a new or reopened ticket. */
    public static TicketDocument appendix(TicketRequest request) {
        Finding f = request.finding();
        TicketDocument.Builder doc = TicketDocument.builder();
        if (f == null) {
            return doc.build();
        }
        List<TimelineEvent> events = f.timeline();
        if (events.isEmpty()) {
            return doc.build();
        }
        int from = Math.max(0, events.size() - TIMELINE_EXCERPT);
        doc.heading("Timeline excerpt (latest " + (events.size() - from) + " events, UTC)");
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEvent ev : events.subList(from, events.size())) {
            rows.add(List.of(time(Instant.ofEpochMilli(ev.timeMillis())), ev.kind().name().toLowerCase(Locale.ROOT),
                    value(ev.code()), value(ev.maskedIp()), value(ev.sdkVersion()), value(ev.protocol())));
        }
        doc.table(List.of("time", "event", "code", "address", "SDK", "protocol"), rows);
        long older = from + f.evidence().timelineOmitted();
        if (older > 0) {
            doc.paragraph(older + " older events are not shown; the first query lists them all.");
        }
        return doc.build();
    }

    private static List<List<String>> counts(IdentityEvidence e) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("conflicts (409002 / 400027)", e.conflicts() + " (" + e.conflicts409002() + " / " + e.conflicts400027() + ")"));
        rows.add(List.of("conflicts per hour", String.format(Locale.ROOT, "%.1f", e.conflictsPerHour())));
        rows.add(List.of("conflicts with no drop before them", String.valueOf(e.conflictsWithoutPrecursor())));
        rows.add(List.of("conflicts right after a drop", String.valueOf(e.conflictsAfterPrecursor())));
        rows.add(List.of("takeovers from another address", String.valueOf(e.takeovers())));
        rows.add(List.of("returns to an earlier address / SDK", e.ipReturns() + " / " + e.sdkReturns()));
        rows.add(List.of("successful connects", String.valueOf(e.connects())));
        rows.add(List.of("drops 404104 / token expiries 401003", e.drops404104() + " / " + e.authExpired401003()));
        rows.add(List.of("server errors 5xx / platform faults", e.serverErrors5xx() + " / " + e.platformFaults()));
        rows.add(List.of("first / last conflict", time(e.firstConflict()) + " / " + time(e.lastConflict())));
        rows.add(List.of("observed", time(e.firstSeen()) + " .. " + time(e.lastSeen())));
        return rows;
    }

    private static Inline list(List<String> values, int distinct) {
        if (values.isEmpty()) {
            return Inline.text("none recorded");
        }
        String shown = values.stream().map(v -> DeviceText.line(v, DeviceText.VALUE_LIMIT))
                .collect(java.util.stream.Collectors.joining(", "));
        return code(distinct > values.size() ? shown + ", ... (" + (distinct - values.size()) + " more)" : shown);
    }

    private static String confidence(Finding f) {
        return String.format(Locale.ROOT, "%.2f", f.verdict().confidence());
    }

    private static String meaning(Classification c) {
        return switch (c) {
            case SHARED_IDENTITY -> "Two or more clients use this identity and kick each other off.";
            case FAULTY_RECONNECT -> "One client keeps opening a new connection while its own is still open.";
            case TRANSIENT -> "The conflicts are a side effect of connection drops.";
            case PLATFORM_EVENT -> "The conflicts come from a hub-wide event.";
        };
    }

    static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A value from a log row, one line and bounded; "-" when absent. */
    private static String value(String s) {
        return s == null || s.isEmpty() ? "-" : DeviceText.line(s, DeviceText.VALUE_LIMIT);
    }
}
