package io.linkguard.config;

import java.util.Map;

/**
 * The whole configuration of the Functions app, read once per worker: analysis thresholds and the
 * Functions settings. Unknown LINKGUARD_ keys and every bad value fail start-up together.
 */
public record LinkGuardConfig(AnalysisSettings analysis, FunctionSettings functions) {

    public static LinkGuardConfig fromSettings(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        AnalysisSettings analysis = AnalysisSettings.read(reader);
        FunctionSettings functions = FunctionSettings.read(reader);
        reader.rejectUnknown(KnownSettings.all());
        reader.throwIfInvalid();
        return new LinkGuardConfig(analysis, functions);
    }
}
