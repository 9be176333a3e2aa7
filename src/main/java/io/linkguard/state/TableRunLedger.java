package io.linkguard.state;

import com.azure.core.util.Context;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.classification.Classification;
import io.linkguard.pipeline.ActionOutcome;
import io.linkguard.pipeline.ExecutionSummary;
import io.linkguard.pipeline.IngestionWindow;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunLedger;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Action;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The run ledger: one row per run in {@code <prefix>Runs}, partitioned by UTC day ({@code yyyy-MM-dd}), row
 * keys ordered newest first. Counts are plain columns (readable in Storage Explorer); actions by type and
 * outcome, skipped rows and notes are small JSON columns. The scheduled-run watermark is a row of the state
 * table ({@code cursor / scheduled}), only ever moved forward, under its ETag.
 */
public final class TableRunLedger implements RunLedger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final String CURSOR_PARTITION = "cursor";
    private static final String CURSOR_ROW = "scheduled";

    private final StateTables tables;
    private final Clock clock;

    public TableRunLedger(StateTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> watermark() {
        return Entities.get(tables.state(), CURSOR_PARTITION, CURSOR_ROW).map(e -> Entities.instant(e.getProperty("Until")));
    }

    @Override
    public void advanceWatermark(Instant until, String runId) {
        TableEntity cursor = new TableEntity(CURSOR_PARTITION, CURSOR_ROW).addProperty("Until", Entities.time(until))
                .addProperty("RunId", runId);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<TableEntity> current = Entities.get(tables.state(), CURSOR_PARTITION, CURSOR_ROW);
            if (current.isEmpty()) {
                if (Entities.create(tables.state(), cursor)) {
                    return;
                }
                continue;
            }
            Instant stored = Entities.instant(current.get().getProperty("Until"));
            if (stored != null && !until.isAfter(stored)) {
                return;
            }
            if (Entities.replace(tables.state(), cursor, current.get().getETag())) {
                return;
            }
        }
        throw new IllegalStateException("could not advance the scheduled-run watermark to " + until + " after 5 attempts");
    }

    @Override
    public void record(RunRecord run) {
        tables.runs().upsertEntityWithResponse(entity(run), TableEntityUpdateMode.REPLACE, null, Context.NONE);
    }

    @Override
    public List<RunRecord> recent(int max) {
        List<RunRecord> runs = new ArrayList<>();
        Instant day = clock.instant();
        for (int back = 0; back < 2 && runs.size() < max; back++, day = day.minus(Duration.ofDays(1))) {
            ListEntitiesOptions options = new ListEntitiesOptions()
                    .setFilter("PartitionKey eq " + TableKeys.literal(DAY.format(day))).setTop(max - runs.size());
            for (TableEntity e : tables.runs().listEntities(options, null, Context.NONE)) {
                runs.add(run(e));
                if (runs.size() >= max) {
                    break;
                }
            }
        }
        runs.sort(Comparator.comparing(RunRecord::startedAt).reversed());
        return runs;
    }

    static String rowKey(RunRecord run) {
        return String.format("%019d", Long.MAX_VALUE - run.startedAt().toEpochMilli()) + "|" + run.runId();
    }

    static TableEntity entity(RunRecord run) {
        TableEntity e = new TableEntity(DAY.format(run.startedAt()), rowKey(run))
                .addProperty("RunId", run.runId())
                .addProperty("Trigger", run.trigger().label())
                .addProperty("Kind", run.kind().label())
                .addProperty("Mode", run.mode())
                .addProperty("InvocationId", run.invocationId() == null ? "" : run.invocationId())
                .addProperty("StartedAt", Entities.time(run.startedAt()))
                .addProperty("FinishedAt", Entities.time(run.finishedAt()))
                .addProperty("DurationMs", run.duration().toMillis())
                .addProperty("Status", run.status().label())
                .addProperty("Targets", run.targets())
                .addProperty("Identities", run.identityCount())
                .addProperty("ThrottlingWaitMs", run.execution().throttlingWait().toMillis())
                .addProperty("Actions", json(actions(run.execution())))
                .addProperty("SkippedRows", json(run.skippedRows()))
                .addProperty("Notes", json(run.notes()))
                .addProperty("CohortCount", run.cohortCount())
                .addProperty("Cohorts", json(run.cohorts()));
        for (Classification c : Classification.values()) {
            e.addProperty(column(c.label()), run.identities().getOrDefault(c, 0));
        }
        for (ActionOutcome o : ActionOutcome.values()) {
            e.addProperty("Actions" + column(o.label()), run.execution().total(o));
        }
        if (run.window() != null) {
            e.addProperty("WindowFrom", Entities.time(run.window().from()))
                    .addProperty("WindowTo", Entities.time(run.window().to()))
                    .addProperty("NotCoveredMinutes", run.window().notCovered().toMinutes());
            if (run.window().previousWatermark() != null) {
                e.addProperty("PreviousWatermark", Entities.time(run.window().previousWatermark()));
            }
        }
        if (run.error() != null) {
            e.addProperty("Error", run.error().length() > 4000 ? run.error().substring(0, 4000) + "…" : run.error());
        }
        return e;
    }

    static RunRecord run(TableEntity e) {
        Map<Classification, Integer> identities = new EnumMap<>(Classification.class);
        for (Classification c : Classification.values()) {
            identities.put(c, (int) Entities.number(e, column(c.label())));
        }
        ExecutionSummary.Builder execution = new ExecutionSummary.Builder();
        Map<String, Map<String, Integer>> actions = read(Entities.text(e, "Actions"), new TypeReference<>() { });
        actions.forEach((a, byOutcome) -> byOutcome.forEach((o, n) -> execution.add(byLabel(Action.class, Action::label, a, "action"),
                byLabel(ActionOutcome.class, ActionOutcome::label, o, "action outcome"), n)));
        execution.waited(Duration.ofMillis(Entities.number(e, "ThrottlingWaitMs")));
        IngestionWindow window = null;
        if (e.getProperty("WindowFrom") != null) {
            window = new IngestionWindow(Entities.instant(e.getProperty("WindowFrom")), Entities.instant(e.getProperty("WindowTo")),
                    Entities.instant(e.getProperty("PreviousWatermark")), Duration.ofMinutes(Entities.number(e, "NotCoveredMinutes")));
        }
        Map<String, Long> skipped = new TreeMap<>(read(Entities.text(e, "SkippedRows"), new TypeReference<Map<String, Long>>() { }));
        String notesJson = Entities.text(e, "Notes");
        List<String> notes = read(notesJson == null || notesJson.isEmpty() ? "[]" : notesJson, new TypeReference<>() { });
        String cohortsJson = Entities.text(e, "Cohorts"); // absent on rows written before cohorts were kept
        List<String> cohorts = read(cohortsJson == null || cohortsJson.isEmpty() ? "[]" : cohortsJson, new TypeReference<>() { });
        return new RunRecord(Entities.text(e, "RunId"),
                byLabel(RunTrigger.class, RunTrigger::label, Entities.text(e, "Trigger"), "trigger"),
                byLabel(RunKind.class, RunKind::label, Entities.text(e, "Kind"), "run kind"), Entities.text(e, "Mode"),
                Entities.text(e, "InvocationId"), Entities.instant(e.getProperty("StartedAt")),
                Entities.instant(e.getProperty("FinishedAt")),
                byLabel(RunStatus.class, RunStatus::label, Entities.text(e, "Status"), "run status"), window,
                (int) Entities.number(e, "Targets"), identities, execution.build(), skipped, notes, Entities.text(e, "Error"),
                (int) Entities.number(e, "CohortCount"), cohorts);
    }

    private static Map<String, Map<String, Integer>> actions(ExecutionSummary execution) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        execution.actions().forEach((a, byOutcome) -> {
            Map<String, Integer> m = new LinkedHashMap<>();
            byOutcome.forEach((o, n) -> m.put(o.label(), n));
            out.put(a.label(), m);
        });
        return out;
    }

    /** "faulty-reconnect" -> "FaultyReconnect". */
    private static String column(String label) {
        StringBuilder s = new StringBuilder();
        for (String part : label.split("-")) {
            s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return s.toString();
    }

    /** The constant of {@code type} whose label is {@code value}; a row this code did not write is an error. */
    private static <E extends Enum<E>> E byLabel(Class<E> type, Function<E, String> label, String value, String what) {
        for (E e : type.getEnumConstants()) {
            if (label.apply(e).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "' in the ledger");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null || json.isEmpty() ? "{}" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ledger column: " + e.getOriginalMessage());
        }
    }
}
