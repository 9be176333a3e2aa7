package io.linkguard.logs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reader for the portal's CSV export (UTF-8; {@link LogFileReader} transcodes other encodings first). The
 * first non-blank record is the header. A last record with no line break after it may have been cut short, so it
 * is counted (cut-row), not delivered, and the read is incomplete. Lenient where it is safe: text after a closing quote is kept (with a
 * warning), a row with too few/many fields is still delivered (missing cells null, extra cells dropped, with a
 * warning), and wholly blank lines are skipped. Only the cells of the selected columns are decoded.
 */
final class CsvLogReader {
    private final CsvRecords records;
    private final ColumnSelection selection;
    private final Consumer<RawRow> sink;
    private final Warnings warnings;

    CsvLogReader(InputStream utf8, ColumnSelection selection, Consumer<RawRow> sink, Warnings warnings) {
        this.records = new CsvRecords(utf8, LogFileReader.BUFFER);
        this.selection = selection;
        this.sink = sink;
        this.warnings = warnings;
    }

    private final ReadSkips skips = new ReadSkips();
    private String cut;

    ReadSummary run() throws IOException {
        long rows = 0;
        try {
            boolean haveHeader;
            do {
                haveHeader = next();
            } while (haveHeader && records.isBlank());
            if (!haveHeader) {
                return new ReadSummary(LogFormat.UNRECOGNISED, 0, warnings.toList(), "the input holds only blank lines");
            }
            int columns = records.fieldCount();
            List<String> names = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                names.add(Columns.normalise(records.text(i)));
            }
            HeaderLayout header = HeaderLayout.of(names, selection, (name, i) -> warnings.add(name.isEmpty()
                    ? "header column " + (i + 1) + " has no name; its cells are ignored"
                    : "header column " + (i + 1) + " repeats column name '" + name + "'; the first one is used"));
            int[] slots = header.slots();
            Map<String, Integer> index = header.index();
            int width = index.size();
            RecentCells[] recent = new RecentCells[width];
            Arrays.setAll(recent, i -> new RecentCells());

            while (next()) {
                int fields = records.fieldCount();
                if (records.isBlank() && columns > 1) {
                    continue;
                }
                rows++;
                if (records.endedByInput()) {
                    // No line break after the last record: nothing tells a whole row from one cut inside its last
                    // field (a resource id "…/hub-b-5" cut to "…/hub-b" names another, valid hub), so it is not used.
                    skips.add(ReadSkips.CUT_ROW);
                    cut = "the input ends inside row " + rows + " (line " + records.recordLine() + ", " + fields + " of "
                            + columns + " fields) without a line break, so the row may have been cut short; not used";
                    continue;
                }
                String[] values = new String[width];
                int present = Math.min(fields, columns);
                for (int i = 0; i < present; i++) {
                    if (slots[i] >= 0) {
                        values[slots[i]] = records.text(i, recent[slots[i]]);
                    }
                }
                if (fields != columns) {
                    warnings.add("row " + rows + " (line " + records.recordLine() + "): expected " + columns
                            + " fields, found " + fields + (fields < columns
                            ? "; missing cells are empty" : "; extra cells ignored"));
                }
                sink.accept(new RawRow(index, values, rows));
            }
            return summary(rows, cut);
        } catch (CsvRecords.UnterminatedQuote e) {
            warnAboutTrailingText();
            skips.add(ReadSkips.CUT_ROW);
            return summary(rows + 1, "unterminated quoted field at end of input: the record starting on line " + records.recordLine()
                            + " (row " + (rows + 1) + ") was dropped after " + rows + " complete rows");
        } catch (CsvRecords.RecordTooLong e) {
            warnAboutTrailingText();
            return summary(rows, "the record starting on line " + records.recordLine() + " (row " + (rows + 1) + ") is longer than "
                            + (CsvRecords.MAX_RECORD_BYTES >> 20) + " MiB (an unterminated quote?); stopped after "
                            + rows + " complete rows");
        } catch (CorruptInputException e) {
            warnAboutTrailingText();
            return summary(rows, e.getMessage()
                    + "; stopped in the record starting on line " + records.recordLine() + " (row " + (rows + 1)
                    + ") after " + rows + " complete rows");
        }
    }

    /** {@code rows} counts every data record found, delivered or cut. */
    private ReadSummary summary(long rows, String stoppedBecause) {
        long cutRows = skips.counts().getOrDefault(ReadSkips.CUT_ROW, 0L);
        return new ReadSummary(LogFormat.PORTAL_CSV, rows - cutRows, skips.counts(), warnings.toList(), stoppedBecause);
    }

    /** The next record, after warning about text after its closing quotes. */
    private boolean next() throws IOException, CsvRecords.UnterminatedQuote, CsvRecords.RecordTooLong {
        if (!records.next()) {
            return false;
        }
        warnAboutTrailingText();
        return true;
    }

    /** Warns about text after closing quotes in the record just read (or the incomplete one reading stopped in). */
    private void warnAboutTrailingText() {
        for (int i = 0; i < records.trailingTextCount(); i++) {
            warnings.add("line " + records.trailingTextLine(i) + ": text after a closing quote; kept as part of the field");
        }
    }
}
