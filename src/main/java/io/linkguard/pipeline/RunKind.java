package io.linkguard.pipeline;

/** A scheduled run covers what was ingested since the last one; a targeted one, a named set of identities. */
public enum RunKind {
    SCHEDULED("scheduled"), TARGETED("targeted");

    private final String label;

    RunKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
