package dev.holdout.engagement;

import dev.holdout.base.Format;
import dev.holdout.handover.Check;
import dev.holdout.handover.HandoverReport;
import dev.holdout.result.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * A scorecard beside the measured results: the buyer's checked red flags in words, and the flags the
 * evidence raises: a vetting question left unanswered, a claimed metric outside Holdout's interval
 * on the hidden set, a handover verification that is incomplete or has no model card.
 */
public record ScorecardReview(Scorecard card, List<String> checked, List<String> raised) {

  /** Reviews {@code card} against {@code report} and, when given, the handover verification (null: none). */
  public static ScorecardReview of(Scorecard card, Report report, HandoverReport handover) {
    List<String> checked = card.redFlags().stream().map(Scorecard.RED_FLAGS::get).toList();
    List<String> raised = new ArrayList<>();
    for (String q : card.unanswered()) raised.add("did not answer: " + Scorecard.QUESTIONS.get(q));
    for (var claim : card.claims().entrySet()) {
      Report.Estimate e = report.metrics() == null ? null : report.metrics().get(claim.getKey());
      if (e == null || e.value() == null) {
        raised.add("claims " + claim.getKey() + " " + Format.plain(claim.getValue()) + ", which the suite does not measure");
        continue;
      }
      if (e.ci() == null) continue;
      double lo = e.ci().get(0);
      double hi = e.ci().get(1);
      if (claim.getValue() < lo || claim.getValue() > hi) {
        raised.add("claims " + claim.getKey() + " " + Format.plain(claim.getValue()) + ", outside Holdout's interval "
            + Format.interval(lo, hi) + " on the hidden set");
      }
    }
    if (handover != null) {
      if (handover.verdict() != HandoverReport.Verdict.COMPLETE) {
        List<String> failed = handover.checks().stream().filter(c -> c.status() == Check.Status.FAIL).map(c -> c.area() + " " + c.item()).toList();
        raised.add("handover " + handover.verdict() + ": " + String.join("; ", failed));
      }
      boolean card0 = handover.checks().stream().anyMatch(c -> c.item().equals("model_card") && c.status() == Check.Status.PASS);
      if (!card0) raised.add("the handover declares no model card (intended use, limitations, failure modes)");
    }
    return new ScorecardReview(card, checked, raised);
  }
}
