package dev.holdout.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.handover.Check;
import dev.holdout.handover.HandoverReport;
import dev.holdout.result.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handover page: the shell every report page wears, each check's status as a badge, user text escaped. */
class HandoverHtmlTest {
  private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

  private static HandoverReport report(HandoverReport.Verdict verdict, List<Check> checks) {
    return new HandoverReport(HandoverReport.SCHEMA, "bundle/" + HOSTILE, "ab12", "Acme " + HOSTILE, null, checks,
        new HandoverReport.Counts(1, 1, verdict == HandoverReport.Verdict.COMPLETE ? 0 : 1), verdict,
        new Report.Provenance("1.2.3", "17.0.9", "2026-01-02T03:04:05Z"));
  }

  @Test
  void the_page_wears_the_report_shell_with_the_verdict_and_provenance() {
    String html = HandoverHtml.render(report(HandoverReport.Verdict.COMPLETE,
        List.of(new Check("files", "model.onnx", Check.Status.PASS, "present", null),
            new Check("licences", "LICENSE", Check.Status.WARN, "no licence file", "a licence"))));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy", "<div class=\"eyebrow\">Holdout handover verification</div>",
        "<section class=\"verdict ACCEPTED\" id=\"verdict\" data-verdict=\"COMPLETE\"", "1 passed, 1 warning, 0 failed.");
    assertThat(html).contains("<span class=\"badge PASS\">PASS</span>", "<span class=\"badge INCONCLUSIVE\">WARN</span>");
    assertThat(html).contains("<footer id=\"provenance\">", "sha256 ab12", "<dt>Made by</dt><dd>Holdout 1.2.3 on Java 17.0.9, 2026-01-02T03:04:05Z</dd>");
    assertThat(html).contains("<style>\n" + cssOf(HtmlReport.render(new Report(Report.SCHEMA,
        new Report.SuiteInfo("x", null, "binary_classification", null, null, null, null, null), null, null, null, null, null, null, null, null,
        List.of(), null, null, null, null))));
  }

  @Test
  void a_failed_check_makes_the_banner_red_and_user_text_is_escaped() {
    String html = HandoverHtml.render(report(HandoverReport.Verdict.INCOMPLETE,
        List.of(new Check("weights", HOSTILE, Check.Status.FAIL, HOSTILE, HOSTILE))));
    assertThat(html).contains("<section class=\"verdict REJECTED\"", "<span class=\"badge FAIL\">FAIL</span>");
    assertThat(html).doesNotContain("<script>", "'x'").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
  }

  private static String cssOf(String html) {
    return html.substring(html.indexOf("<style>\n") + 8, html.indexOf("</style>"));
  }
}
