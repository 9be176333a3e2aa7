package io.linkguard.remediation.report;

/**
 * One hub's part of a run.
 *
 * @param identities   the hub's identity count from its registry, -1 when unknown
 * @param acting       identities this run would back off or ticket (what the fleet guard weighs)
 */
public record HubResult(String hub, Status status, String reason, long identities, int findings, int tagged,
                        int acting) {

    public enum Status {
        ACTED("acted"), GUARDED("guarded"), SKIPPED("skipped"), OBSERVED("observed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
