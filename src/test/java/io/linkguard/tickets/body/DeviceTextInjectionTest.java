package io.linkguard.tickets.body;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Verdict;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.Findings;
import io.linkguard.tickets.TicketBodies;
import io.linkguard.tickets.TicketRequest;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Text a device controls (its reported SDK version, the values of its log rows, the classifier's reasons and the
 * remediation's actions that quote them) reaches every ticket format as text: no heading, link, autolink, mention,
 * issue reference or HTML in GitHub Markdown; no [code] HTML in a ServiceNow journal; no markup in Azure DevOps
 * HTML; every value bounded.
 */
class DeviceTextInjectionTest {
    static final String HEADING = "1.0\n# Injected heading\r\n> quoted\n- [click](https://evil.example/phish) @admin #1 www.evil.example";
    static final String CODE_TAG = "sdk [code]<img src=x onerror=alert(1)>[/code] [ CODE ]<b>x</b>[/Code]";
    static final String HTML = "<script>alert(1)</script><a href=\"javascript:x\">y</a>";
    static final String LONG = "v".repeat(20_000);
    private static final Pattern CODE_SPAN = Pattern.compile("``[^\n]*?``|`[^`\n]*`");

    private static TicketRequest hostile() throws Exception {
        Finding f = Findings.shared();
        List<String> values = List.of(HEADING, CODE_TAG, HTML, LONG);
        List<TimelineEvent> timeline = f.timeline().stream().map(e -> new TimelineEvent(e.timeMillis(), e.kind(), HEADING,
                CODE_TAG, LONG + HEADING, HTML)).toList();
        IdentityEvidence evidence = with(with(f.evidence(), "sdkVersions", values), "ips", values);
        Verdict verdict = new Verdict(f.verdict().classification(), f.verdict().confidence(),
                List.of("also 4 SDK versions (" + HEADING + ")", CODE_TAG, HTML, LONG));
        Finding hostile = new Finding(f.identity(), verdict, evidence, f.actions(), timeline);
        return Findings.request(hostile, "run-1", null, "back-off sent; device answered " + HEADING, CODE_TAG, LONG);
    }

    /** The record with one component replaced. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R with(R record, String name, Object value) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(record);
        }
        Constructor<?> c = record.getClass().getDeclaredConstructor(types);
        return (R) c.newInstance(args);
    }

    private static TicketDocument full(TicketRequest r) {
        return TicketDocument.builder().append(TicketBodies.opening(r, null)).append(TicketBodies.appendix(r))
                .append(TicketBodies.update(r)).build();
    }

    @Test
    void gitHubMarkdownGetsNoHeadingLinkMentionReferenceOrHtml() throws Exception {
        String md = Markdown.render(full(hostile()));
        assertThat(md.lines()).noneMatch(l -> l.stripLeading().startsWith("# Injected") || l.startsWith("> quoted")
                || l.startsWith("- [click]"));
        assertThat(md.lines().filter(l -> l.contains("Injected"))).allSatisfy(l ->
                assertThat(l).matches("(- |\\| |Masked|SDK|Ticket).*"));
        String outsideCode = CODE_SPAN.matcher(md.replaceAll("(?s)````?kusto.*?````?\\n", "")).replaceAll("");
        assertThat(outsideCode).doesNotContain("[click](").doesNotContain("https://").doesNotContain("www.evil")
                .doesNotContain("@admin").doesNotContain("#1 ").doesNotContainPattern("(?<!\\\\)<(script|img|a |b>)");
        assertThat(md).contains("\\[click\\](https&#58;//evil.example/phish) `@`admin `#`1 www&#46;evil.example");
        assertThat(md.lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(2_000));
        assertThat(md).doesNotContain("v".repeat(DeviceText.LINE_LIMIT + 1));
    }

    @Test
    void serviceNowJournalGetsNoCodeTagAndNoForgedSection() throws Exception {
        String text = PlainText.render(full(hostile()));
        assertThat(text).doesNotContainPattern("(?i)\\[\\s*/?\\s*code\\s*]")
                .contains("(code)<img src=x onerror=alert(1)>(/code)");
        assertThat(text.lines()).noneMatch(l -> l.startsWith("# Injected") || l.startsWith("> quoted"));
        assertThat(text).doesNotContain("v".repeat(DeviceText.LINE_LIMIT + 1));
        for (String piece : PlainText.chunks(full(hostile()), 4000)) {
            assertThat(piece).hasSizeLessThanOrEqualTo(4000).doesNotContainPattern("(?i)\\[\\s*/?\\s*code\\s*]");
        }
    }

    @Test
    void azureDevOpsHtmlGetsNoMarkup() throws Exception {
        String html = Html.render(full(hostile()));
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<a href=\"javascript")
                .doesNotContain("@admin").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContain("v".repeat(DeviceText.LINE_LIMIT + 1));
    }

    @Test
    void deviceTextIsOneBoundedLine() {
        assertThat(DeviceText.line("a\r\nb\u2028c\u202Ed\u0000e", 100)).isEqualTo("a  b c d e");
        assertThat(DeviceText.line("x".repeat(150), 100)).hasSize(101).endsWith("…");
        assertThat(DeviceText.line("😀".repeat(5), 3)).isEqualTo("😀😀😀…");
    }
}
