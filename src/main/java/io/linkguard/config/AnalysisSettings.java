package io.linkguard.config;

import io.linkguard.classification.FleetThresholds;
import io.linkguard.classification.Thresholds;
import io.linkguard.evidence.EvidenceSettings;
import io.linkguard.findings.CohortSettings;
import io.linkguard.plan.ActionPolicy;
import io.linkguard.plan.Analyzer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Everything the detection and classification pipeline reads from app settings. */
public record AnalysisSettings(EvidenceSettings evidence, Thresholds thresholds, ActionPolicy policy,
                               CohortSettings cohorts) implements Analyzer.Settings {

    public static final String TIMELINE_EVENTS = "LINKGUARD_TIMELINE_EVENTS";
    public static final String PRECURSOR_WINDOW_SECONDS = "LINKGUARD_PRECURSOR_WINDOW_SECONDS";
    public static final String MIN_CONFLICTS = "LINKGUARD_MIN_CONFLICTS";
    public static final String FAULTY_MIN_UNEXPLAINED = "LINKGUARD_FAULTY_MIN_UNEXPLAINED";
    public static final String FAULTY_MIN_UNEXPLAINED_SHARE = "LINKGUARD_FAULTY_MIN_UNEXPLAINED_SHARE";
    public static final String RECOVERY_STORM_CONFLICTS = "LINKGUARD_RECOVERY_STORM_CONFLICTS";
    public static final String FAULTY_MIN_STORMY_RECOVERIES = "LINKGUARD_FAULTY_MIN_STORMY_RECOVERIES";
    public static final String SHARED_MIN_RETURNS = "LINKGUARD_SHARED_MIN_RETURNS";
    public static final String SHARED_MIN_ALTERNATION = "LINKGUARD_SHARED_MIN_ALTERNATION";
    public static final String FLEET_BIN_MINUTES = "LINKGUARD_FLEET_BIN_MINUTES";
    public static final String FLEET_MIN_IDENTITIES = "LINKGUARD_FLEET_MIN_IDENTITIES";
    public static final String FLEET_UPGRADE_MIN_SHARE = "LINKGUARD_FLEET_UPGRADE_MIN_SHARE";
    public static final String FLEET_DROP_MIN_SHARE = "LINKGUARD_FLEET_DROP_MIN_SHARE";
    public static final String FLEET_SPIKE_FACTOR = "LINKGUARD_FLEET_SPIKE_FACTOR";
    public static final String FLEET_SIGNIFICANCE = "LINKGUARD_FLEET_SIGNIFICANCE";
    public static final String FLEET_MAX_EVENT_MINUTES = "LINKGUARD_FLEET_MAX_EVENT_MINUTES";
    public static final String FLEET_GRACE_MINUTES = "LINKGUARD_FLEET_GRACE_MINUTES";
    public static final String TAG_TRANSIENT = "LINKGUARD_TAG_TRANSIENT";
    public static final String TAG_PLATFORM_EVENT = "LINKGUARD_TAG_PLATFORM_EVENT";
    public static final String COHORT_MIN_IDENTITIES = "LINKGUARD_COHORT_MIN_IDENTITIES";
    public static final String COHORT_MIN_CLASS_SHARE = "LINKGUARD_COHORT_MIN_CLASS_SHARE";
    public static final String COHORT_MIN_LIFT = "LINKGUARD_COHORT_MIN_LIFT";
    public static final String COHORT_ALPHA = "LINKGUARD_COHORT_ALPHA";

    public static final Set<String> NAMES = Set.of(TIMELINE_EVENTS, PRECURSOR_WINDOW_SECONDS, MIN_CONFLICTS,
            FAULTY_MIN_UNEXPLAINED, FAULTY_MIN_UNEXPLAINED_SHARE, RECOVERY_STORM_CONFLICTS, FAULTY_MIN_STORMY_RECOVERIES,
            SHARED_MIN_RETURNS,
            SHARED_MIN_ALTERNATION, FLEET_BIN_MINUTES, FLEET_MIN_IDENTITIES, FLEET_UPGRADE_MIN_SHARE,
            FLEET_DROP_MIN_SHARE, FLEET_SPIKE_FACTOR, FLEET_SIGNIFICANCE, FLEET_MAX_EVENT_MINUTES,
            FLEET_GRACE_MINUTES, TAG_TRANSIENT, TAG_PLATFORM_EVENT, COHORT_MIN_IDENTITIES, COHORT_MIN_CLASS_SHARE,
            COHORT_MIN_LIFT, COHORT_ALPHA);

    public static final AnalysisSettings DEFAULTS =
            new AnalysisSettings(EvidenceSettings.DEFAULTS, Thresholds.DEFAULTS, ActionPolicy.DEFAULTS,
                    CohortSettings.DEFAULTS);

    /** Reads the analysis settings; problems are collected in {@code reader}, defaults fill the gaps. */
    public static AnalysisSettings read(SettingsReader reader) {
        EvidenceSettings e = EvidenceSettings.DEFAULTS;
        Thresholds t = Thresholds.DEFAULTS;
        EvidenceSettings evidence = new EvidenceSettings(
                reader.integer(TIMELINE_EVENTS, e.timelineEvents(), 8, 5000),
                Duration.ofSeconds(reader.integer(PRECURSOR_WINDOW_SECONDS, (int) e.precursorWindow().toSeconds(), 1, 3600)),
                e.renewalWindow(), e.burstWindow(),
                reader.integer(RECOVERY_STORM_CONFLICTS, e.stormConflicts(), 2, 1000));
        Thresholds thresholds = new Thresholds(
                reader.integer(MIN_CONFLICTS, t.minConflicts(), 1, 10_000),
                reader.integer(FAULTY_MIN_UNEXPLAINED, t.faultyMinUnexplained(), 1, 10_000),
                reader.decimal(FAULTY_MIN_UNEXPLAINED_SHARE, t.faultyMinUnexplainedShare(), 0, 1),
                reader.integer(FAULTY_MIN_STORMY_RECOVERIES, t.faultyMinStormyRecoveries(), 1, 10_000),
                reader.integer(SHARED_MIN_RETURNS, t.sharedMinReturns(), 1, 10_000),
                reader.decimal(SHARED_MIN_ALTERNATION, t.sharedMinAlternation(), 0, 1),
                readFleet(reader));
        ActionPolicy policy = new ActionPolicy(
                reader.bool(TAG_TRANSIENT, ActionPolicy.DEFAULTS.tagTransient()),
                reader.bool(TAG_PLATFORM_EVENT, ActionPolicy.DEFAULTS.tagPlatformEvent()));
        CohortSettings c = CohortSettings.DEFAULTS;
        CohortSettings cohorts = new CohortSettings(
                reader.integer(COHORT_MIN_IDENTITIES, c.minIdentities(), 2, 10_000),
                reader.decimal(COHORT_MIN_CLASS_SHARE, c.minClassShare(), 0, 1),
                reader.decimal(COHORT_MIN_LIFT, c.minLift(), 1, 1000),
                reader.decimal(COHORT_ALPHA, c.alpha(), 1e-12, 0.5));
        return new AnalysisSettings(evidence, thresholds, policy, cohorts);
    }

    private static FleetThresholds readFleet(SettingsReader reader) {
        FleetThresholds f = FleetThresholds.DEFAULTS;
        return new FleetThresholds(
                Duration.ofMinutes(reader.integer(FLEET_BIN_MINUTES, (int) f.bin().toMinutes(), 1, 60)),
                reader.integer(FLEET_MIN_IDENTITIES, f.minIdentities(), 2, 1_000_000),
                reader.decimal(FLEET_UPGRADE_MIN_SHARE, f.upgradeMinShare(), 0.0001, 1),
                reader.decimal(FLEET_DROP_MIN_SHARE, f.dropMinShare(), 0.0001, 1),
                reader.decimal(FLEET_SPIKE_FACTOR, f.spikeFactor(), 1, 1000),
                reader.decimal(FLEET_SIGNIFICANCE, f.significance(), 1e-15, 0.01),
                Duration.ofMinutes(reader.integer(FLEET_MAX_EVENT_MINUTES, (int) f.maxEvent().toMinutes(), 1, 1440)),
                Duration.ofMinutes(reader.integer(FLEET_GRACE_MINUTES, (int) f.grace().toMinutes(), 0, 240)));
    }

    /** Reads, rejects unknown LINKGUARD_ keys and fails with every problem named. */
    public static AnalysisSettings fromSettings(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        AnalysisSettings settings = read(reader);
        reader.rejectUnknown(KnownSettings.all());
        reader.throwIfInvalid();
        return settings;
    }
}
