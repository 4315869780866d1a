package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.result.Report;

/** The judge section of a text generation report: counts, the judgements file, agreement between repeats and with human grades. */
final class JudgeSection {
  private JudgeSection() {}

  static void append(StringBuilder b, Report.JudgeSummary j) {
    b.append("<section class=\"card\" id=\"judge\">\n<h2>Judge</h2>\n<p class=\"lede\">Each answer was graded ").append(j.repeats())
        .append(j.repeats() == 1 ? " time" : " times").append(" by ").append(esc(j.url())).append(j.model() == null ? "" : " (" + esc(j.model()) + ")")
        .append(" on the whole numbers ").append(j.scale().min()).append(" to ").append(j.scale().max())
        .append("; judge_score is the mean over answers of each answer's mean grade. An answer whose every repeat failed has no score and counts in judge_error_rate.</p>\n<dl>");
    b.append("<dt>Answers</dt><dd>").append(Format.count(j.rows())).append(" judged, ").append(Format.count(j.errors()))
        .append(" without a grade; ").append(Format.count(j.failedJudgements())).append(" failed judgements</dd>");
    b.append("<dt>Requests</dt><dd>").append(Format.count(j.requests())).append(" sent, ").append(Format.count(j.cached()))
        .append(" judgements from the cache</dd>");
    if (j.judgementsFile() != null) b.append("<dt>Grades and reasons</dt><dd>").append(esc(j.judgementsFile())).append("</dd>");
    Report.RepeatAgreement a = j.agreement();
    b.append("<dt>Agreement between repeats</dt><dd>");
    if (a.rows() == 0) {
      b.append(esc(a.exact().undefined()));
    } else {
      b.append(Format.count(a.rows())).append(" answers: all repeats equal ").append(pointOrWhy(a.exact())).append(", mean spread ")
          .append(pointOrWhy(a.meanSpread())).append(", Krippendorff's alpha (interval) ").append(pointOrWhy(a.krippendorffAlpha()));
    }
    b.append("</dd>");
    Report.HumanAgreement h = j.human();
    if (h != null) {
      b.append("<dt>Judge vs human grades</dt><dd>").append(esc(h.file())).append(": ").append(Format.count(h.rows())).append(" answers compared of ")
          .append(Format.count(h.graded())).append(" graded; Cohen's kappa ").append(estimateOrWhy(h.cohenKappa())).append(", quadratic-weighted ")
          .append(estimateOrWhy(h.cohenKappaQuadratic())).append("</dd>");
    }
    b.append("<dt>Decides criteria</dt><dd>").append(j.validated() ? "yes: " : "no: ").append(esc(j.validation())).append("</dd>");
    Report.PpiEstimate p = j.ppi();
    if (p != null) {
      b.append("<dt>judge_score_ppi</dt><dd>").append(Html.num(p.value())).append(' ').append(esc(Format.interval(p.ci().get(0), p.ci().get(1))))
          .append(": the mean grade people would give, by prediction-powered inference from ").append(Format.count(p.graded()))
          .append(" human and ").append(Format.count(p.ungraded())).append(" judge-only grades (lambda ").append(Html.num(p.lambda())).append(")</dd>");
    }
    for (String e : j.errorExamples()) b.append("<dt>Error</dt><dd>").append(esc(e)).append("</dd>");
    b.append("</dl>\n</section>\n");
  }

  private static String pointOrWhy(Report.Estimate e) {
    return e.value() == null ? "undefined (" + esc(e.undefined()) + ")" : Html.num(e.value());
  }

  private static String estimateOrWhy(Report.Estimate e) {
    return e.value() == null ? "undefined (" + esc(e.undefined()) + ")" : Html.num(e.value()) + " " + Html.interval(e.ci());
  }
}
