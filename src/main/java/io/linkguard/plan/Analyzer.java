package io.linkguard.plan;

import io.linkguard.classification.Classifier;
import io.linkguard.classification.FleetEvent;
import io.linkguard.classification.FleetEventDetector;
import io.linkguard.classification.Thresholds;
import io.linkguard.classification.Verdict;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.EvidenceCalculator;
import io.linkguard.evidence.EvidenceSettings;
import io.linkguard.findings.CohortSettings;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.IdentityObservations;
import io.linkguard.evidence.TimeWindow;
import io.linkguard.findings.ClassifiedIdentity;
import io.linkguard.findings.FleetAnalysis;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Evidence to plan: fleet events, per-identity evidence, verdicts and the actions the policy would take. */
public final class Analyzer {
    private final FleetEventDetector fleetDetector;
    private final EvidenceCalculator calculator;
    private final Classifier classifier;
    private final ActionPolicy policy;
    private final FleetAnalysis fleetAnalysis;

    /**
     * What the analysis reads (config.AnalysisSettings is the one from app settings): an interface here so
     * that plan does not import config, which imports plan's {@link ActionPolicy}.
     */
    public interface Settings {
        EvidenceSettings evidence();

        Thresholds thresholds();

        ActionPolicy policy();

        CohortSettings cohorts();
    }

    public Analyzer(Settings settings) {
        this.fleetDetector = new FleetEventDetector(settings.thresholds().fleet());
        this.calculator = new EvidenceCalculator(settings.evidence());
        this.classifier = new Classifier(settings.thresholds(), settings.evidence().precursorWindow());
        this.policy = settings.policy();
        this.fleetAnalysis = new FleetAnalysis(settings.cohorts(), settings.evidence().precursorWindow(),
                settings.evidence().renewalWindow());
    }

    public Plan analyze(EvidenceBatch batch) {
        List<FleetEvent> fleetEvents = fleetDetector.detect(batch.hubs());
        Map<String, List<TimeWindow>> windowsByHub = fleetEvents.stream().collect(
                Collectors.groupingBy(FleetEvent::hub, Collectors.mapping(FleetEvent::window, Collectors.toList())));
        // Identities are independent: their evidence and verdicts are worked out on all cores, kept in input order.
        List<Finding> findings = batch.identities().parallelStream()
                .map(obs -> finding(obs, windowsByHub.getOrDefault(obs.identity().hub(), List.of())))
                .toList();
        List<ClassifiedIdentity> classified = findings.stream()
                .map(f -> new ClassifiedIdentity(f.identity(), f.verdict().classification(), f.timeline())).toList();
        return new Plan(batch.input(), fleetEvents, findings,
                fleetAnalysis.analyze(classified, batch.populations(), windowsByHub));
    }

    private Finding finding(IdentityObservations obs, List<TimeWindow> fleetWindows) {
        IdentityEvidence evidence = calculator.calculate(obs, fleetWindows);
        Verdict verdict = classifier.classify(evidence);
        return new Finding(obs.identity(), verdict, evidence, policy.actionsFor(verdict.classification()), obs.timeline());
    }
}
