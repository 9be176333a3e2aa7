package io.linkguard.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ExportedLogsSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal table lists identities in the order an operator acts on them, and ends with the summary. */
class PlanTableTest {

    @Test
    void sharedFirstThenFaultyTransientPlatformEventBusiestFirstWithinAClass() throws Exception {
        AnalysisSettings s = AnalysisSettings.DEFAULTS;
        Plan plan = new Analyzer(s).analyze(new ExportedLogsSource(s.evidence(), s.thresholds().fleetBin())
                .read(Path.of("samples/connections-sample.csv.gz")));
        String table = PlanTable.write(plan);

        List<String> classOrder = List.of("shared-identity", "faulty-reconnect", "transient", "platform-event");
        List<String[]> rows = new ArrayList<>(); // class, confidence, conflicts, ...
        for (String line : table.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 4 && classOrder.contains(cells[0])) {
                rows.add(cells);
            }
        }
        assertThat(rows).hasSize(plan.findings().size());
        for (int i = 1; i < rows.size(); i++) {
            int before = classOrder.indexOf(rows.get(i - 1)[0]);
            int after = classOrder.indexOf(rows.get(i)[0]);
            assertThat(before).as("row %d", i).isLessThanOrEqualTo(after);
            if (before == after) {
                assertThat(Long.parseLong(rows.get(i - 1)[2])).as("row %d", i)
                        .isGreaterThanOrEqualTo(Long.parseLong(rows.get(i)[2]));
            }
        }
        assertThat(rows.stream().map(r -> r[0]).distinct().count()).as("the sample has several classes")
                .isGreaterThan(2);
        assertThat(table.strip()).endsWith(PlanSummary.of(plan).line());
    }
}
