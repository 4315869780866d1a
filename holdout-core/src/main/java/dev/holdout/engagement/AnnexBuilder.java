package dev.holdout.engagement;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.drift.DriftSettings;
import dev.holdout.metric.Task;
import dev.holdout.monitor.MonitorSection;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Adjustment;
import dev.holdout.verdict.Criterion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Annex} of a suite: criteria in words, the evaluation set's size and fingerprint, duties and data terms. */
public final class AnnexBuilder {
  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("roc_auc", "area under the ROC curve (how well scores put positives above negatives; 0.5 is chance, 1 perfect)"),
      Map.entry("average_precision", "average precision (the area under the precision-recall curve)"),
      Map.entry("accuracy", "accuracy (the share of decisions that are right)"),
      Map.entry("balanced_accuracy", "balanced accuracy (the mean of recall over classes)"),
      Map.entry("precision", "precision (of the cases flagged, the share that are real)"),
      Map.entry("recall", "recall (of the real cases, the share flagged)"),
      Map.entry("specificity", "specificity (of the negative cases, the share left alone)"),
      Map.entry("f1", "F1 (the harmonic mean of precision and recall)"),
      Map.entry("ece", "expected calibration error (how far stated probabilities are from observed rates)"),
      Map.entry("log_loss", "log loss"),
      Map.entry("brier", "Brier score (mean squared error of the probabilities)"),
      Map.entry("expected_cost", "expected cost per decision by the suite's cost matrix"),
      Map.entry("mae", "mean absolute error"),
      Map.entry("rmse", "root mean squared error"),
      Map.entry("mape", "mean absolute percentage error"),
      Map.entry("r2", "R² (the share of variance explained)"),
      Map.entry("f1_macro", "macro F1 (F1 averaged over classes, each counting the same)"),
      Map.entry("token_f1", "token F1 against the reference answers (SQuAD's definition)"),
      Map.entry("exact_match", "exact match with a reference answer"),
      Map.entry("refusal_rate", "share of answers that refuse"),
      Map.entry("faithfulness", "lexical faithfulness of the answer to the passages it used"));

  private AnnexBuilder() {}

  /** The annex of {@code suite}; reads its framing, engagement and monitor sections and counts the evaluation set's rows. */
  public static Annex build(Suite suite) {
    String yaml;
    try {
      yaml = Files.readString(suite.file(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HoldoutException.BadSuite(suite.file() + ": cannot be read (" + e.getMessage() + ")");
    }
    SuiteEngagement sections = SuiteEngagement.of(suite.file().toString(), yaml);
    Optional<MonitorSection> monitor = MonitorSection.of(suite.file().toString(), yaml);
    double confidence = suite.bootstrap().confidence();
    String level = Format.level(confidence);
    List<Annex.Clause> clauses = new ArrayList<>();
    for (Criterion c : suite.criteria()) clauses.add(clause(c, level));
    String intervals = "Every figure is measured on the hidden evaluation set with a " + level + " percentile bootstrap interval ("
        + Format.count(suite.bootstrap().replicates()) + " replicates, seed " + suite.bootstrap().seed()
        + (suite.data().group() == null ? ", resampling rows" : ", resampling groups of '" + suite.data().group() + "'")
        + "); the same delivery and set always give the same figures.";
    String overall = "The delivery is ACCEPTED when every criterion passes, REJECTED when any criterion fails, and INCONCLUSIVE otherwise."
        + (suite.adjust() == Adjustment.NONE ? "" : " Criteria are judged together with Holm's adjustment, so the chance of any false pass stays at "
            + Format.percent(1 - confidence) + ".");
    String inconclusive = "An INCONCLUSIVE criterion is neither met nor failed: the interval still contains the bar. The report states about how "
        + "many more labeled rows would decide it; the buyer adds them (at the buyer's cost, within 30 days) and the same delivery is evaluated "
        + "again, unchanged. A criterion still INCONCLUSIVE after that counts as not met, and the vendor may deliver again.";
    return new Annex(suite.name(), suite.problem(), suite.task().key(), sections.framing(), evalSet(suite.data().path()), suite.primaryMetric(),
        baseline(suite), intervals, clauses, overall, inconclusive, HandoverTemplate.of(suite.task()), monitoring(suite, monitor),
        dataTerms(suite), sections.terms());
  }

  /** Rows (data records, header excluded) and sha256 of the evaluation set. */
  static Annex.EvalSet evalSet(Path path) {
    long rows = 0;
    try (RecordReader r = RecordReaders.open(path)) {
      while (r.next()) rows++;
    }
    return new Annex.EvalSet(path.getFileName().toString(), rows, RecordReaders.sha256(path));
  }

  static Annex.Clause clause(Criterion c, String level) {
    String what = WORDS.getOrDefault(c.metric(), c.metric());
    String bar = Format.plain(c.threshold());
    String group = c.slice() == null ? "group" : "'" + c.slice() + "' group";
    String statement = switch (c.kind()) {
      case MIN -> "The delivery's " + what + " must be at least " + bar + ".";
      case MAX -> "The delivery's " + what + " must be at most " + bar + ".";
      case WORST_MIN -> "In every " + group + ", " + what + " must be at least " + bar + " (judged on the worst group).";
      case WORST_MAX -> "In every " + group + ", " + what + " must be at most " + bar + " (judged on the worst group).";
      case MAX_GAP -> "The gap in " + what + " between the best and the worst " + group + " must be at most " + bar + ".";
      case MIN_LIFT -> "The delivery's " + what + " must beat what is done today (the baseline) by at least " + bar
          + ", measured on the same rows.";
    };
    String end = c.kind().atLeast() ? "lower" : "upper";
    String pass = c.atPoint() ? "PASS when the measured value is " + (c.kind().atLeast() ? "at least " : "at most ") + bar
        : "PASS when the whole " + level + " interval is " + (c.kind().atLeast() ? "at or above " : "at or below ") + bar + " (its " + end + " end decides)";
    String fail = c.atPoint() ? "FAIL otherwise (judged on the point value, so never INCONCLUSIVE)"
        : "FAIL when the whole interval is " + (c.kind().atLeast() ? "below " : "above ") + bar + "; INCONCLUSIVE when the interval contains " + bar;
    return new Annex.Clause(c.id(), statement, pass, fail);
  }

  private static String baseline(Suite suite) {
    Suite.Baseline b = suite.baseline();
    return switch (b.kind()) {
      case COLUMN -> "the buyer's current rule, column '" + b.column() + "' of the evaluation set";
      case RUN -> "the buyer's current system's output (" + (b.path() == null ? "a run file" : b.path().getFileName()) + ")";
      case NONE -> "none";
      default -> b.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  static List<String> monitoring(Suite suite, Optional<MonitorSection> monitor) {
    List<String> out = new ArrayList<>();
    if (monitor.isPresent()) {
      MonitorSection m = monitor.get();
      out.add("The vendor delivers a prediction log; the buyer judges it in " + m.window().describe() + " windows (late rows accepted for "
          + Format.duration(m.latenessSeconds()) + "), against the suite's criteria" + (m.referenceThresholds() ? " and the reference's own spread" : "") + ".");
    } else {
      out.add("The vendor delivers a prediction log (time, id, inputs, prediction); the buyer judges it each month with holdout monitor.");
    }
    Suite.Drift d = suite.drift();
    out.add("Drift: the live data is compared with the evaluation set column by column; DRIFT when more than "
        + Format.percent(d.share() == null ? DriftSettings.DEFAULT_SHARE : d.share()) + " of the columns drift"
        + (d.columns().isEmpty() ? "" : " (with the suite's own method for " + String.join(", ", d.columns().keySet()) + ")")
        + ". A DRIFT alert obliges the vendor to analyse it within 10 working days.");
    Suite.Champion ch = suite.champion();
    out.add("Retraining: a retrained version replaces the one in production only if its " + ch.metric() + " does not fall by more than "
        + Format.plain(ch.tolerance()) + " on the same hidden rows (the champion gate), and every criterion above still passes.");
    out.add("Rollback: the vendor keeps the previous accepted version deployable and restores it on the buyer's request within one working day.");
    return out;
  }

  static List<String> dataTerms(Suite suite) {
    String set = suite.data().path().getFileName().toString();
    return List.of(
        "The buyer owns the evaluation set (" + set + "), its labels and every prediction log; the vendor never receives the labels.",
        "Data the buyer gives the vendor for building is used for this engagement only, and is returned or deleted (with a written statement) "
            + "within 30 days of the end of the engagement.",
        "The buyer owns the delivered weights, code, prompts and pipeline configuration listed in the handover manifest, and may run them "
            + "without the vendor.");
  }

  /** Whether the task's handover includes prompts. */
  static boolean generative(Task task) {
    return task == Task.TEXT_GENERATION || task == Task.RETRIEVAL;
  }
}
