package io.linkguard.pipeline;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.config.FunctionSettings;
import java.time.Duration;
import java.util.List;

/** What the run pipeline needs from the configuration. */
public record PipelineSettings(AnalysisSettings analysis, List<String> hubs, Duration overlap, Duration lookback,
                               Duration maxCatchUp, Duration leaseDuration) {

    public static PipelineSettings of(AnalysisSettings analysis, FunctionSettings functions) {
        return new PipelineSettings(analysis, functions.hubNames(), functions.overlap(), functions.lookback(),
                functions.maxCatchUp(), functions.leaseDuration());
    }
}
