package io.linkguard.classification;

import java.util.List;

/** A classification with its confidence (0..1) and the reasons, each citing the evidence. */
public record Verdict(Classification classification, double confidence, List<String> reasons) {
}
