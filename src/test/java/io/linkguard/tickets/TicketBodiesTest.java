package io.linkguard.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.body.Html;
import io.linkguard.tickets.body.Markdown;
import io.linkguard.tickets.body.PlainText;
import io.linkguard.tickets.body.TicketDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ticket is useful on its own: each class's body carries the evidence, what was done, the fix and the KQL. */
class TicketBodiesTest {

    @Test
    void sharedIdentityBodyCarriesEvidenceActionsFixAndKql() {
        Finding f = Findings.shared();
        IdentityEvidence e = f.evidence();
        TicketRequest r = Findings.request(f, "run-42", null, "tag linkguard written", "ticket opened in ServiceNow");
        String md = Markdown.render(TicketDocument.builder().append(TicketBodies.opening(r, null))
                .append(TicketBodies.appendix(r)).build());
        assertThat(Markdown.render(TicketBodies.opening(r, null))).doesNotContain("Timeline excerpt");
        assertThat(md).contains("LinkGuard classified device `" + f.identity().deviceId() + "` on IoT hub `"
                + f.identity().hub() + "` as **shared-identity** with confidence " + String.format(java.util.Locale.ROOT, "%.2f", f.verdict().confidence()));
        assertThat(md).contains("Ticket key: `" + r.key().value() + "`");
        assertThat(md).contains("| conflicts (409002 / 400027) | " + e.conflicts() + " (" + e.conflicts409002() + " / " + e.conflicts400027() + ") |");
        assertThat(md).contains("| takeovers from another address | " + e.takeovers() + " |");
        assertThat(md).contains("Masked addresses (" + e.distinctIps() + "): `" + String.join(", ", e.ips()) + "`");
        assertThat(md).contains("SDK versions (" + e.distinctSdkVersions() + "): `" + String.join(", ", e.sdkVersions()) + "`");
        assertThat(md).contains("- tag linkguard written\n- ticket opened in ServiceNow\n");
        assertThat(md).contains("### Recommended fix").contains("Give each client its own identity")
                .contains("Device Provisioning Service").contains("Find the clones").contains("rotate this identity's keys");
        assertThat(md).contains("```kusto\nAzureDiagnostics").contains("tostring(p.deviceId) == \"" + f.identity().deviceId() + "\"")
                .contains("by maskedIpAddress = tostring(p.maskedIpAddress)");
        assertThat(md).contains("### Timeline excerpt (latest 20 events, UTC)").contains("| time | event | code | address | SDK | protocol |");
        assertThat(md).contains(f.verdict().reasons().get(0).substring(0, 30));
        assertThat(md).doesNotContain("docs/backoff-contract.md");
        int tableRows = (int) md.lines().filter(l -> l.startsWith("| 2026-")).count();
        assertThat(tableRows).isEqualTo(20);
    }

    @Test
    void faultyReconnectBodyPointsAtTheClientAndTheBackOffContract() {
        Finding f = Findings.faulty();
        String md = Markdown.render(TicketBodies.opening(Findings.request(f, "run-1", null), null));
        assertThat(md).contains("**faulty-reconnect**").contains("exactly one client instance per identity")
                .contains("Let the SDK own reconnection").contains("docs/backoff-contract.md").contains("`linkguard.backoff`")
                .contains("Nothing on the device or its twin yet besides this ticket.")
                .doesNotContain("Device Provisioning Service");
    }

    @Test
    void transientAndPlatformBodiesSayWhatToDo() {
        for (Classification c : List.of(Classification.TRANSIENT, Classification.PLATFORM_EVENT)) {
            String text = PlainText.render(TicketBodies.opening(Findings.request(Findings.of(c), "run-1", null), null));
            assertThat(text).contains(c.label()).contains("Recommended fix");
        }
        assertThat(PlainText.render(TicketBodies.opening(Findings.request(Findings.of(Classification.PLATFORM_EVENT), "r", null), null)))
                .contains("nothing to do on the device");
    }

    @Test
    void updatesResolutionsDuplicatesAndReopenedTextsNameTheRunAndLinks() {
        Finding f = Findings.shared();
        TicketRequest r = Findings.request(f, "run-9", null, "back-off sent; device acknowledged");
        assertThat(Markdown.render(TicketBodies.update(r))).startsWith("### Still happening (LinkGuard run run-9)")
                .contains("back-off sent; device acknowledged").doesNotContain("```kusto");
        assertThat(PlainText.render(TicketBodies.resolution(r))).contains("saw no more connection conflicts")
                .contains("Last conflict: " + f.evidence().lastConflict().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        RemoteTicket kept = new RemoteTicket("1", "INC0010001", "https://acme.service-now.com/incident.do?sys_id=1", true, 1, null, null);
        assertThat(PlainText.render(TicketBodies.duplicate(r, kept))).contains("Duplicate of INC0010001")
                .contains("INC0010001: https://acme.service-now.com/incident.do?sys_id=1");
        assertThat(Markdown.render(TicketBodies.opening(r, kept))).contains("reported before in INC0010001, which is closed");
        assertThat(Html.render(TicketBodies.reopened(r))).startsWith("<h3>The problem is back (LinkGuard run run-9)</h3>");
        assertThat(Markdown.render(TicketBodies.superseded(r, kept))).contains("now classifies").contains("**shared-identity**");
    }

    @Test
    void identitiesNeverBecomeMarkupLinksOrMentions() {
        Finding f = Findings.as(Findings.shared(), new Identity("hub-a-42", "pump*_@ops(1)'", "m_1"));
        TicketRequest r = Findings.request(f, "run-1", null);
        String md = Markdown.render(TicketBodies.opening(r, null));
        assertThat(md).contains("`pump*_@ops(1)'`").contains("(module `m_1`)").doesNotContain(" @ops");
        String html = Html.render(TicketBodies.opening(r, null));
        assertThat(html).contains("<code>pump*_&#64;ops(1)&#39;</code>").doesNotContain("@ops");
        assertThat(TicketBodies.title(r)).isEqualTo("[LinkGuard] shared-identity: hub-a-42/pump*_@ops(1)'/m_1");
    }

    @Test
    void renderersEscapeWhatTheyMust() {
        TicketDocument doc = TicketDocument.builder()
                .paragraph("# not a heading, *not bold*, <b>not html</b> & | pipe")
                .paragraph(TicketDocument.Inline.code("has `tick` inside"))
                .table(List.of("a|b", "c"), List.of(List.of("x|y", "<z>")))
                .code("kusto", "x\n```\ny")
                .link("T-1", "https://x/a>b")
                .build();
        String md = Markdown.render(doc);
        assertThat(md).contains("\\# not a heading, \\*not bold\\*, \\<b\\>not html\\</b\\> &amp; \\| pipe");
        assertThat(md).contains("``has `tick` inside``");
        assertThat(md).contains("| a\\|b | c |").contains("| x\\|y | \\<z\\> |");
        assertThat(md).contains("````kusto\nx\n```\ny\n````");
        assertThat(md).contains("[T-1](<https://x/a%3Eb>)");
        String html = Html.render(doc);
        assertThat(html).contains("&lt;b&gt;not html&lt;/b&gt; &amp; | pipe").contains("<th>a|b</th>")
                .contains("<pre><code>x\n```\ny</code></pre>").contains("<a href=\"https://x/a&gt;b\">T-1</a>");
        String plain = PlainText.render(doc);
        assertThat(plain).contains("  a|b  c\n  x|y  <z>\n").contains("    x\n    ```\n    y\n");
    }

    @Test
    void serviceNowPiecesFitItsFieldsAndLoseNothing() {
        for (Finding f : Findings.plan().findings()) {
            TicketRequest r = Findings.request(f, "run-20261126T101500Z", null, "tag written",
                    "back-off sent at 2026-11-20T10:00:00Z, acknowledged by the device");
            TicketDocument full = TicketDocument.builder().append(TicketBodies.opening(r, null)).append(TicketBodies.appendix(r)).build();
            List<String> pieces = PlainText.chunks(full, 4000);
            assertThat(pieces).as(f.identity().display()).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(4000));
            assertThat(pieces.get(0)).contains("Recommended fix").contains("What LinkGuard did");
            String joined = String.join("\n", pieces).replace("\n[continued in the next note]", "");
            assertThat(joined).isEqualTo(PlainText.render(full));
            assertThat(joined).contains("order by connects desc").contains("Timeline excerpt").doesNotContain("[... cut");
            assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(p -> assertThat(p).endsWith("[continued in the next note]"));
        }
    }

    @Test
    void aBlockLongerThanTheLimitIsCutNotLost() {
        TicketDocument doc = TicketDocument.builder().heading("h").paragraph("x".repeat(5000)).paragraph("tail").build();
        List<String> pieces = PlainText.chunks(doc, 1000);
        assertThat(pieces).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(1000));
        assertThat(pieces.get(pieces.size() - 1)).contains("tail");
        assertThat(String.join("", pieces)).contains("[... cut to ");
        assertThat(PlainText.chunks(TicketDocument.builder().build(), 1000)).containsExactly("");
    }
}
