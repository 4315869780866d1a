package dev.holdout.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.Holdout;
import dev.holdout.base.Format;
import dev.holdout.result.Report;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The call list's gains and lift charts on the bundled churn call list (budgets of 5% and 10%):
 * inline SVG without scripts, each budget drawn where the report's own figures put it, and no
 * such chart for a suite without budgets.
 */
class GainsChartsTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static String figure(String html, String id) {
    int from = html.indexOf("<figure class=\"chart\" id=\"" + id + "\"");
    assertThat(from).as(id).isGreaterThanOrEqualTo(0);
    return html.substring(from, html.indexOf("</figure>", from));
  }

  @Test
  void a_call_list_report_draws_gains_and_lift_with_each_budget_where_the_report_puts_it() {
    Report r = Holdout.evaluate(EXAMPLES.resolve("churn/call-list.yaml"), EXAMPLES.resolve("churn/vendor-a.csv"));
    String html = HtmlReport.render(r);
    assertThat(html).doesNotContain("<script");
    String gains = figure(html, "chart-gains");
    String lift = figure(html, "chart-lift");
    assertThat(gains).contains("<svg", "<title", "<desc", "class=\"s-main\"", "class=\"s-base\"", "class=\"diag\"");
    assertThat(lift).contains("<svg", "class=\"s-main\"");
    assertThat(r.charts().budgets()).hasSize(2);
    for (Report.BudgetPoint b : r.charts().budgets()) {
      String name = "top " + Format.percent(b.share());
      // The point's recall is the report's recall at the budget, the figure a criterion judges.
      assertThat(b.recall()).isEqualTo(r.metrics().get("recall@" + Format.percent(b.share())).value());
      // Plot area: x from 62 to 460, y from 390 (0) up to 14 (1), so a share s is at 62 + 398 s.
      String cx = Svg.n(62 + 398 * b.share());
      assertThat(gains).contains("<circle class=\"op\" cx=\"" + cx + "\" cy=\"" + Svg.n(390 - 376 * b.recall()) + "\" r=\"6.5\"><title>"
          + name + ": " + Format.percent(b.recall()) + " of positives</title>");
      assertThat(lift).contains("<circle class=\"op\" cx=\"" + cx + "\"", name + ": lift " + Format.number(b.lift()));
      assertThat(gains).contains("calling the top " + Format.percent(b.share()) + " (" + Format.count(b.rows()) + " rows) finds "
          + Format.percent(b.recall()) + " of the positives");
    }
    assertThat(gains).as("calling every row finds every positive: the curve ends at (1, 1)").containsPattern("class=\"s-main\" d=\"M[^\"]*L460 14\"");
    assertThat(r.charts().budgets().get(0).lift()).isGreaterThan(1);
  }

  @Test
  void a_binary_report_without_budgets_draws_no_call_list_charts() {
    Report r = Holdout.evaluate(EXAMPLES.resolve("churn/suite.yaml"), EXAMPLES.resolve("churn/vendor-a.csv"));
    assertThat(r.charts().gains()).isNotNull();
    assertThat(HtmlReport.render(r)).doesNotContain("chart-gains", "chart-lift");
  }
}
