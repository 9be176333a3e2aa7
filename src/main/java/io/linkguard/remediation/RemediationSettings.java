package io.linkguard.remediation;

import io.linkguard.config.KnownSettings;
import io.linkguard.config.SettingsReader;
import io.linkguard.remediation.backoff.BackoffSettings;
import io.linkguard.remediation.ladder.LadderSettings;
import io.linkguard.remediation.safety.FleetGuard;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.safety.Suppressions;
import io.linkguard.tickets.setup.TicketSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Everything remediation reads from app settings; documented in docs/remediation.md. */
public record RemediationSettings(Mode mode, BackoffSettings backoff, LadderSettings ladder, int maxBackoffsPerRun,
                                  int maxTicketsPerRun, int maxTagWritesPerRun, FleetGuard fleetGuard, int bulkThreshold,
                                  List<String> suppressPatterns, int hubConcurrency, Duration capWindow,
                                  Duration hubLeaseWait, CohortTicketPolicy cohortTickets) {

    public static final String MODE = "LINKGUARD_MODE";
    public static final String BACKOFF_METHOD = "LINKGUARD_BACKOFF_METHOD";
    public static final String BACKOFF_MIN_SECONDS = "LINKGUARD_BACKOFF_MIN_SECONDS";
    public static final String BACKOFF_MAX_SECONDS = "LINKGUARD_BACKOFF_MAX_SECONDS";
    public static final String BACKOFF_JITTER = "LINKGUARD_BACKOFF_JITTER";
    public static final String BACKOFF_HOLD_MINUTES = "LINKGUARD_BACKOFF_HOLD_MINUTES";
    public static final String BACKOFF_ADVICE = "LINKGUARD_BACKOFF_ADVICE";
    public static final String METHOD_CONNECT_TIMEOUT_SECONDS = "LINKGUARD_METHOD_CONNECT_TIMEOUT_SECONDS";
    public static final String METHOD_RESPONSE_TIMEOUT_SECONDS = "LINKGUARD_METHOD_RESPONSE_TIMEOUT_SECONDS";
    public static final String BACKOFF_CONFIRM_MINUTES = "LINKGUARD_BACKOFF_CONFIRM_MINUTES";
    public static final String VERIFY_AFTER_MINUTES = "LINKGUARD_VERIFY_AFTER_MINUTES";
    public static final String VERIFY_MIN_DROP = "LINKGUARD_VERIFY_MIN_DROP";
    /** One knob for ticket updates: the ladder asks no more often than the ticket sinks would write. */
    public static final String TICKET_REFRESH_MINUTES = TicketSettings.UPDATE_PERIOD_MINUTES;
    public static final String QUIET_HOURS = "LINKGUARD_QUIET_HOURS";
    public static final String MAX_BACKOFFS_PER_RUN = "LINKGUARD_MAX_BACKOFFS_PER_RUN";
    public static final String MAX_TICKETS_PER_RUN = "LINKGUARD_MAX_TICKETS_PER_RUN";
    public static final String MAX_TAG_WRITES_PER_RUN = "LINKGUARD_MAX_TAG_WRITES_PER_RUN";
    public static final String FLEET_GUARD_SHARE = "LINKGUARD_FLEET_GUARD_SHARE";
    public static final String FLEET_GUARD_MIN_IDENTITIES = "LINKGUARD_FLEET_GUARD_MIN_IDENTITIES";
    public static final String BULK_THRESHOLD = "LINKGUARD_BULK_THRESHOLD";
    public static final String SUPPRESS_IDS = "LINKGUARD_SUPPRESS_IDS";
    public static final String HUB_CONCURRENCY = "LINKGUARD_HUB_CONCURRENCY";
    public static final String FLEET_GUARD_WINDOW_MINUTES = "LINKGUARD_FLEET_GUARD_WINDOW_MINUTES";
    public static final String CAP_WINDOW_MINUTES = "LINKGUARD_CAP_WINDOW_MINUTES";
    public static final String HUB_LEASE_WAIT_SECONDS = "LINKGUARD_HUB_LEASE_WAIT_SECONDS";
    public static final String COHORT_TICKETS = "LINKGUARD_COHORT_TICKETS";

    public static final Set<String> NAMES = Set.of(MODE, BACKOFF_METHOD, BACKOFF_MIN_SECONDS, BACKOFF_MAX_SECONDS,
            BACKOFF_JITTER, BACKOFF_HOLD_MINUTES, BACKOFF_ADVICE, METHOD_CONNECT_TIMEOUT_SECONDS,
            METHOD_RESPONSE_TIMEOUT_SECONDS, BACKOFF_CONFIRM_MINUTES, VERIFY_AFTER_MINUTES, VERIFY_MIN_DROP,
            TICKET_REFRESH_MINUTES, QUIET_HOURS, MAX_BACKOFFS_PER_RUN, MAX_TICKETS_PER_RUN, MAX_TAG_WRITES_PER_RUN,
            FLEET_GUARD_SHARE, FLEET_GUARD_MIN_IDENTITIES, BULK_THRESHOLD, SUPPRESS_IDS, HUB_CONCURRENCY,
            FLEET_GUARD_WINDOW_MINUTES, CAP_WINDOW_MINUTES, HUB_LEASE_WAIT_SECONDS, COHORT_TICKETS);

    /** Beyond the method's two timeouts, how long a run may take between recording a back-off and sending it. */
    static final Duration CLAIM_SLACK = Duration.ofSeconds(60);

    public static final RemediationSettings DEFAULTS = new RemediationSettings(Mode.DRY_RUN, BackoffSettings.DEFAULTS,
            LadderSettings.DEFAULTS, 100, 20, 2000, new FleetGuard(0.10, 10), 100, List.of(), 4, Duration.ofMinutes(5),
            Duration.ofSeconds(60), CohortTicketPolicy.FOLD);

    public Suppressions suppressions() {
        return new Suppressions(suppressPatterns);
    }

    public RemediationSettings withMode(Mode newMode) {
        return new RemediationSettings(newMode, backoff, ladder, maxBackoffsPerRun, maxTicketsPerRun, maxTagWritesPerRun,
                fleetGuard, bulkThreshold, suppressPatterns, hubConcurrency, capWindow, hubLeaseWait, cohortTickets);
    }

    /** Reads the remediation settings; problems are collected in {@code reader}, defaults fill the gaps. */
    public static RemediationSettings read(SettingsReader reader) {
        RemediationSettings d = DEFAULTS;
        BackoffSettings b = d.backoff;
        LadderSettings l = d.ladder;
        Set<String> modes = Arrays.stream(Mode.values()).map(Mode::label).collect(Collectors.toSet());
        Mode mode = Mode.ofLabel(reader.choice(MODE, d.mode.label(), modes)).orElseThrow();
        String method = reader.text(BACKOFF_METHOD, b.methodName());
        if (!method.matches("[A-Za-z0-9_:\\-]{1,100}")) {
            reader.problem(BACKOFF_METHOD, "expected a method name of letters, digits and _ : - (at most 100; the IoT Hub service SDK refuses . $ and spaces), got '"
                    + method + "'");
        }
        int min = reader.integer(BACKOFF_MIN_SECONDS, b.minBackoffSeconds(), 1, 3600);
        int max = reader.integer(BACKOFF_MAX_SECONDS, b.maxBackoffSeconds(), 1, 3600);
        if (min > max) {
            reader.problem(BACKOFF_MAX_SECONDS, "must be at least " + BACKOFF_MIN_SECONDS + " (" + min + "), got " + max);
        }
        Duration hold = Duration.ofMinutes(reader.integer(BACKOFF_HOLD_MINUTES, (int) b.hold().toMinutes(), 1, 7 * 24 * 60));
        BackoffSettings backoff = new BackoffSettings(method, min, max,
                reader.decimal(BACKOFF_JITTER, b.jitter(), 0, 1), hold,
                reader.text(BACKOFF_ADVICE, b.advice()),
                reader.seconds(METHOD_CONNECT_TIMEOUT_SECONDS, b.connectTimeout(), Duration.ZERO, Duration.ofSeconds(300)),
                reader.seconds(METHOD_RESPONSE_TIMEOUT_SECONDS, b.responseTimeout(), Duration.ofSeconds(5),
                        Duration.ofSeconds(300)));
        LadderSettings ladder = new LadderSettings(
                minutes(reader, BACKOFF_CONFIRM_MINUTES, l.confirm(), 0, 7 * 24 * 60),
                minutes(reader, VERIFY_AFTER_MINUTES, l.verifyAfter(), 5, 7 * 24 * 60),
                reader.decimal(VERIFY_MIN_DROP, l.minDrop(), 0, 1),
                minutes(reader, TICKET_REFRESH_MINUTES, l.ticketRefresh(), 1, 30 * 24 * 60),
                Duration.ofHours(reader.integer(QUIET_HOURS, (int) l.quiet().toHours(), 1, 90 * 24)),
                hold, backoff.connectTimeout().plus(backoff.responseTimeout()).plus(CLAIM_SLACK));
        if (ladder.verifyAfter().compareTo(hold) > 0) {
            reader.problem(VERIFY_AFTER_MINUTES, "must not exceed " + BACKOFF_HOLD_MINUTES + " (" + hold.toMinutes()
                    + "): a back-off is judged while it holds");
        }
        FleetGuard guard = new FleetGuard(reader.decimal(FLEET_GUARD_SHARE, d.fleetGuard.maxShare(), 0, 1),
                reader.integer(FLEET_GUARD_MIN_IDENTITIES, d.fleetGuard.minIdentities(), 0, 1_000_000),
                minutes(reader, FLEET_GUARD_WINDOW_MINUTES, d.fleetGuard.window(), 1, 24 * 60));
        return new RemediationSettings(mode, backoff, ladder,
                reader.integer(MAX_BACKOFFS_PER_RUN, d.maxBackoffsPerRun, 0, 1_000_000),
                reader.integer(MAX_TICKETS_PER_RUN, d.maxTicketsPerRun, 0, 100_000),
                reader.integer(MAX_TAG_WRITES_PER_RUN, d.maxTagWritesPerRun, 0, 10_000_000),
                guard,
                reader.integer(BULK_THRESHOLD, d.bulkThreshold, 1, 1_000_000),
                patterns(reader.text(SUPPRESS_IDS, "")),
                reader.integer(HUB_CONCURRENCY, d.hubConcurrency, 1, 64),
                minutes(reader, CAP_WINDOW_MINUTES, d.capWindow, 1, 24 * 60),
                reader.seconds(HUB_LEASE_WAIT_SECONDS, d.hubLeaseWait, Duration.ZERO, Duration.ofSeconds(600)),
                CohortTicketPolicy.ofLabel(reader.choice(COHORT_TICKETS, d.cohortTickets.label(),
                        Arrays.stream(CohortTicketPolicy.values()).map(CohortTicketPolicy::label)
                                .collect(Collectors.toSet()))).orElse(d.cohortTickets));
    }

    /** Reads, rejects unknown LINKGUARD_ keys and fails with every problem named. */
    public static RemediationSettings fromSettings(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        RemediationSettings settings = read(reader);
        reader.rejectUnknown(KnownSettings.all());
        reader.throwIfInvalid();
        return settings;
    }

    private static Duration minutes(SettingsReader reader, String name, Duration defaultValue, int min, int max) {
        return Duration.ofMinutes(reader.integer(name, (int) defaultValue.toMinutes(), min, max));
    }

    private static List<String> patterns(String raw) {
        Set<String> globs = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                globs.add(part.trim());
            }
        }
        return List.copyOf(globs);
    }
}
