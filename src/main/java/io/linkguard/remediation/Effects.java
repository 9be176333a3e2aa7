package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.report.WriteKind;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every change remediation makes goes through here, so each is logged as a {@link HubWrite} with its exact
 * body. In dry-run nothing leaves: writes are logged and answered as if they had succeeded (the device
 * accepts the method, the ticket opens), so the run follows the path enforce would follow and lists its
 * writes. Reads always go to the hub. Calls that throw are answered as failures: a broken adapter must not
 * break a run. Once the hub's writer lease is lost ({@link WriterLeases.WriterLease#held()}), no write is sent:
 * each is answered as failed ("not sent"), and a later run does it.
 */
final class Effects {
    private final HubGateway gateway;
    private final TicketPort tickets;
    private final boolean dryRun;
    private final Instant now;
    private final WriterLeases.WriterLease lease;
    private final AtomicInteger fakeIds = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    Effects(HubGateway gateway, TicketPort tickets, boolean dryRun, Instant now, WriterLeases.WriterLease lease) {
        this.gateway = gateway;
        this.tickets = tickets;
        this.dryRun = dryRun;
        this.now = now;
        this.lease = lease;
    }

    /** Null while writes may be sent; otherwise why not (the writer lease was lost). */
    private String notSent() {
        if (lease.held()) {
            return null;
        }
        refused.incrementAndGet();
        return "not sent: the hub's writer lease was lost (" + lease.lostBecause() + ")";
    }

    /** Writes not sent because the writer lease was lost. */
    int refused() {
        return refused.get();
    }

    boolean dryRun() {
        return dryRun;
    }

    HubGateway gateway() {
        return gateway;
    }

    WriteResult patchTag(Identity identity, String etag, Map<String, Object> patch, List<HubWrite> log) {
        WriteResult r = dryRun ? WriteResult.written("dry-run-" + fakeIds.incrementAndGet())
                : write(() -> gateway.patchTag(identity, etag, patch));
        log.add(new HubWrite(WriteKind.TAG_PATCH, identity.display(), etag, wrap("tags", "linkguard", patch), null,
                label(r), List.of()));
        return r;
    }

    WriteResult patchDesired(Identity identity, String etag, Map<String, Object> patch, String condition,
                             List<HubWrite> log) {
        WriteResult r = dryRun ? WriteResult.written("dry-run-" + fakeIds.incrementAndGet())
                : write(() -> gateway.patchDesired(identity, etag, patch));
        log.add(new HubWrite(WriteKind.DESIRED_PATCH, identity.display(), etag,
                wrap("properties", "desired", Map.of("linkguard", patch)), condition, label(r), List.of()));
        return r;
    }

    MethodResult invokeMethod(Identity identity, MethodCall call, List<HubWrite> log) {
        MethodResult r;
        if (dryRun) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", true);
            answer.put("commandId", call.payload().get("commandId"));
            r = new MethodResult(MethodResult.Outcome.ANSWERED, 200, answer, Duration.ZERO, "dry-run");
        } else if (notSent() != null) {
            r = new MethodResult(MethodResult.Outcome.FAILED, 0, Map.of(), Duration.ZERO,
                    "not sent: the hub's writer lease was lost (" + lease.lostBecause() + ")");
        } else {
            try {
                r = gateway.invokeMethod(identity, call);
            } catch (RuntimeException e) {
                r = new MethodResult(MethodResult.Outcome.FAILED, 0, Map.of(), Duration.ZERO, describe(e));
            }
        }
        log.add(new HubWrite(WriteKind.METHOD, identity.display(), null, methodBody(call), null, label(r), List.of()));
        return r;
    }

    JobResult scheduleMethodJob(String hub, List<Identity> devices, MethodCall call, List<HubWrite> log) {
        JobResult r;
        if (dryRun) {
            r = new JobResult("dry-run-job-" + fakeIds.incrementAndGet(), JobResult.Status.QUEUED, 0, 0, Duration.ZERO,
                    "dry-run");
        } else if (notSent() != null) {
            r = new JobResult(null, JobResult.Status.FAILED, 0, 0, Duration.ZERO,
                    "not sent: the hub's writer lease was lost (" + lease.lostBecause() + ")");
        } else {
            try {
                r = gateway.scheduleMethodJob(hub, devices, call);
            } catch (RuntimeException e) {
                r = new JobResult(null, JobResult.Status.FAILED, 0, 0, Duration.ZERO, describe(e));
            }
        }
        log.add(new HubWrite(WriteKind.METHOD_JOB, hub, null, methodBody(call), null,
                dryRun ? "would-schedule" : r.status().name().toLowerCase(Locale.ROOT) + (r.jobId() == null ? "" : " " + r.jobId()),
                devices.stream().map(Identity::deviceId).toList()));
        return r;
    }

    JobResult jobStatus(String hub, String jobId) {
        try {
            return gateway.jobStatus(hub, jobId);
        } catch (RuntimeException e) {
            return new JobResult(jobId, JobResult.Status.THROTTLED, 0, 0, Duration.ZERO, describe(e));
        }
    }

    TicketOutcome raise(TicketRequest request, List<HubWrite> log) {
        TicketOutcome r = dryRun ? dryRunTicket(request, TicketState.Status.OPEN, TicketOutcome.Kind.OPENED)
                : ticketCall(() -> tickets.raise(request), request);
        log.add(new HubWrite(WriteKind.TICKET_RAISE, request.key().value(), null, ticketBody(request), null,
                label(r), List.of()));
        return r;
    }

    TicketOutcome resolve(TicketRequest request, List<HubWrite> log) {
        TicketOutcome r = dryRun ? dryRunTicket(request, TicketState.Status.RESOLVED, TicketOutcome.Kind.RESOLVED)
                : ticketCall(() -> tickets.resolve(request), request);
        log.add(new HubWrite(WriteKind.TICKET_RESOLVE, request.key().value(), null, ticketBody(request), null,
                label(r), List.of()));
        return r;
    }

    private TicketOutcome dryRunTicket(TicketRequest request, TicketState.Status status, TicketOutcome.Kind kind) {
        TicketState previous = request.previous();
        return new TicketOutcome(kind, new TicketState(previous == null ? "dry-run" : previous.sink(),
                previous == null ? null : previous.reference(), previous == null ? null : previous.url(), status, now,
                request.key().classification()), "dry-run");
    }

    private TicketOutcome ticketCall(java.util.function.Supplier<TicketOutcome> call, TicketRequest request) {
        String notSent = notSent();
        if (notSent != null) {
            return new TicketOutcome(TicketOutcome.Kind.PENDING, request.previous(), notSent);
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            return new TicketOutcome(TicketOutcome.Kind.PENDING, request.previous(), describe(e));
        }
    }

    private WriteResult write(java.util.function.Supplier<WriteResult> call) {
        String notSent = notSent();
        if (notSent != null) {
            return WriteResult.of(WriteResult.Status.FAILED, notSent);
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            return WriteResult.of(WriteResult.Status.FAILED, describe(e));
        }
    }

    private String label(WriteResult r) {
        return dryRun ? "would-write" : r.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String label(MethodResult r) {
        return dryRun ? "would-invoke" : r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (r.outcome() == MethodResult.Outcome.ANSWERED ? " " + r.status() : "");
    }

    private String label(TicketOutcome r) {
        return dryRun ? "would-call" : r.kind().name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> methodBody(MethodCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("methodName", call.methodName());
        body.put("payload", call.payload());
        body.put("connectTimeoutInSeconds", call.connectTimeout().toSeconds());
        body.put("responseTimeoutInSeconds", call.responseTimeout().toSeconds());
        return body;
    }

    private static Map<String, Object> ticketBody(TicketRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", request.key().value());
        body.put("classification", request.finding() == null ? null
                : request.finding().verdict().classification().label());
        body.put("previous", request.previous() == null ? null : request.previous().reference());
        body.put("actionsTaken", request.actionsTaken());
        return body;
    }

    private static Map<String, Object> wrap(String outer, String inner, Map<String, Object> patch) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put(inner, patch);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(outer, in);
        return out;
    }

    static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
