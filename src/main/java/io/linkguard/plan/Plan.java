package io.linkguard.plan;

import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.InputSummary;
import io.linkguard.findings.FleetFindings;
import java.util.List;

/** The result of one analysis: read-only, the same whichever front door asked for it. */
public record Plan(InputSummary input, List<FleetEvent> fleetEvents, List<Finding> findings, FleetFindings fleetFindings) {

    /** A plan without fleet findings (e.g. one hub's share of a plan, handed to remediation). */
    public Plan(InputSummary input, List<FleetEvent> fleetEvents, List<Finding> findings) {
        this(input, fleetEvents, findings, FleetFindings.NONE);
    }
}
