package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.result.Report;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import dev.holdout.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The verdict at the top of the evaluation page: an icon, the word, and which criteria decided it. */
final class VerdictBanner {
  private VerdictBanner() {}

  static void append(StringBuilder b, Report r) {
    Verdict v = r.verdict();
    String word = v == null ? "NO VERDICT" : v.name();
    b.append("<section class=\"verdict ").append(word).append("\" id=\"verdict\" data-verdict=\"").append(word)
        .append("\" aria-label=\"Verdict: ").append(word).append("\">\n").append(icon(v)).append("<div><div class=\"word\">")
        .append(word).append("</div><p class=\"why\">").append(esc(verdictSentence(r.criteria()))).append("</p></div>\n</section>\n");
  }

  private static String verdictSentence(List<CriterionResult> criteria) {
    if (criteria == null || criteria.isEmpty()) return "The suite sets no acceptance criteria.";
    List<String> failed = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (CriterionResult c : criteria) {
      if (c.status() == Status.FAIL) failed.add(c.id());
      if (c.status() == Status.INCONCLUSIVE) open.add(c.id());
    }
    int n = criteria.size();
    int passed = n - failed.size() - open.size();
    if (failed.isEmpty() && open.isEmpty()) return n == 1 ? "The criterion passed." : "All " + n + " criteria passed.";
    StringBuilder s = new StringBuilder();
    if (!failed.isEmpty()) s.append(failed.size()).append(" of ").append(n).append(failed.size() == 1 ? " criterion failed: " : " criteria failed: ")
        .append(String.join(", ", failed)).append(". ");
    if (!open.isEmpty()) s.append(open.size()).append(" of ").append(n).append(open.size() == 1 ? " is inconclusive: " : " are inconclusive: ")
        .append(String.join(", ", open)).append("; more labeled rows would decide. ");
    s.append(passed).append(" passed.");
    return s.toString();
  }

  static String criteriaSummary(List<CriterionResult> criteria) {
    if (criteria == null || criteria.isEmpty()) return "no criteria";
    long failed = criteria.stream().filter(c -> c.status() == Status.FAIL).count();
    long open = criteria.stream().filter(c -> c.status() == Status.INCONCLUSIVE).count();
    return (criteria.size() - failed - open) + " passed, " + failed + " failed, " + open + " inconclusive";
  }

  private static String icon(Verdict v) {
    String mark;
    String fill;
    if (v == Verdict.ACCEPTED) {
      fill = "#009e73";
      mark = "<path d=\"M12 23l7 7 14-15\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>";
    } else if (v == Verdict.REJECTED) {
      fill = "#d55e00";
      mark = "<path d=\"M14.5 14.5l15 15M29.5 14.5l-15 15\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4.5\" stroke-linecap=\"round\"/>";
    } else {
      fill = "#e69f00";
      mark = "<path d=\"M16.5 17a5.5 5.5 0 1 1 7.6 5.1c-1.4.6-2.1 1.6-2.1 3.1v1.3\" fill=\"none\" stroke=\"#fff\" stroke-width=\"4\" "
          + "stroke-linecap=\"round\"/><circle cx=\"22\" cy=\"32.5\" r=\"2.4\" fill=\"#fff\"/>";
    }
    return "<svg viewBox=\"0 0 44 44\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"22\" cy=\"22\" r=\"21\" fill=\"" + fill + "\"/>"
        + mark + "</svg>\n";
  }
}
