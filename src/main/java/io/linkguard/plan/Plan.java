package io.linkguard.plan;

import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.InputSummary;
import java.util.List;

/** The result of one analysis: read-only, the same whichever front door asked for it. */
public record Plan(InputSummary input, List<FleetEvent> fleetEvents, List<Finding> findings) {
}
