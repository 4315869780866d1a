package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.engagement.Economics;
import dev.holdout.engagement.ScorecardReview;
import java.util.List;

/**
 * The engagement on the report and comparison pages: each delivery's money over the engagement
 * (build, total cost of ownership, savings a year, net value and break-even, with their intervals)
 * and the vendors' scorecards with the red flags the evidence raises. The same figures as
 * {@link EngagementText}; computes nothing.
 *
 * @param money the deliveries' money, in the order they are shown
 * @param cards the scorecards found beside the suite
 * @param withoutCard submissions with no scorecard
 */
public record EngagementSection(List<Economics> money, List<ScorecardReview> cards, List<String> withoutCard) {
  /** No engagement section: the suite has none and no scorecards were found. */
  public static final EngagementSection NONE = new EngagementSection(List.of(), List.of(), List.of());

  /** Whether there is nothing to draw. */
  public boolean isEmpty() {
    return money.isEmpty() && cards.isEmpty();
  }

  void append(StringBuilder b) {
    if (isEmpty()) return;
    b.append("<section class=\"card\" id=\"engagement\">\n<h2>Engagement</h2>\n");
    if (!money.isEmpty()) {
      Economics first = money.get(0);
      b.append("<p class=\"lede\">What each delivery is worth over ").append(first.years()).append(" years at ")
          .append(Format.count(Math.round(first.decisionsPerYear()))).append(" decisions a year")
          .append(first.currency() == null ? "" : ", in " + esc(first.currency()))
          .append(": the measured cost per 1,000 decisions turned into money, with the bootstrap's intervals.</p>\n");
      b.append("<div class=\"table-wrap\"><table class=\"engagement\"><thead><tr><th>Submission</th><th class=\"num\">Cost per 1,000</th>")
          .append("<th class=\"num\">Build</th><th class=\"num\">Total cost of ownership</th><th class=\"num\">Savings a year</th>")
          .append("<th class=\"num\">Net value</th><th>Break-even</th></tr></thead><tbody>\n");
      for (Economics e : money) {
        b.append("<tr data-submission=\"").append(esc(e.vendor())).append("\"><td class=\"metric-name\">").append(esc(e.vendor())).append("</td>")
            .append(cell(e.costPer1000())).append("<td class=\"num\">").append(Format.money(e.buildPrice())).append("</td><td class=\"num\">")
            .append(Format.money(e.totalCost())).append("</td>").append(cell(e.savingsPerYear())).append(cell(e.netValue()))
            .append("<td>").append(esc(EngagementText.months(e.breakEvenMonths()))).append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
      for (Economics e : money) {
        if (e.businessCase() != null) b.append("<p class=\"lede\">").append(esc(e.vendor())).append(": ").append(esc(e.businessCase())).append("</p>\n");
        for (String n : e.notes()) b.append("<p class=\"lede\">").append(esc(e.vendor())).append(": ").append(esc(n)).append("</p>\n");
      }
    }
    if (!cards.isEmpty()) {
      b.append("<h3>Vendor scorecards</h3>\n<ul class=\"scorecards\">\n");
      for (ScorecardReview r : cards) {
        int answered = r.card().answers().size();
        b.append("<li data-vendor=\"").append(esc(r.card().vendor())).append("\"><b>").append(esc(r.card().vendor())).append("</b>: answered ")
            .append(answered).append(" of ").append(answered + r.card().unanswered().size()).append(" vetting questions; red flags checked: ")
            .append(r.checked().isEmpty() ? "none" : esc(String.join("; ", r.checked())));
        if (!r.raised().isEmpty()) {
          b.append("<ul>");
          for (String f : r.raised()) b.append("<li class=\"red-flag\">").append(Html.badge("FAIL", "RED FLAG")).append(' ').append(esc(f)).append("</li>");
          b.append("</ul>");
        }
        b.append("</li>\n");
      }
      for (String m : withoutCard) b.append("<li><b>").append(esc(m)).append("</b>: no scorecard (vendors/").append(esc(m)).append(".yaml)</li>\n");
      b.append("</ul>\n");
    }
    b.append("</section>\n");
  }

  private static String cell(Economics.Range r) {
    return "<td class=\"num\">" + esc(r == null ? "-" : EngagementText.money(r)) + "</td>";
  }
}
