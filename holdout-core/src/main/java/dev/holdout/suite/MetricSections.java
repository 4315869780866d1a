package dev.holdout.suite;

import dev.holdout.base.Format;
import dev.holdout.base.Names;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.verdict.Criterion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sections that name metrics, {@code primary_metric}, {@code criteria} and {@code champion}:
 * each name is checked against the catalog and against what the suite's other sections provide
 * (cutoffs, quantile columns, assertions, a judge, costs), and each criterion's bar against the
 * metric's direction and range.
 */
final class MetricSections {
  private static final List<String> CRITERION = List.of("id", "metric", "min", "max", "worst_min", "worst_max",
      "max_gap", "min_lift", "at", "slice", "label", "labels");
  private static final List<String> CHAMPION = List.of("metric", "tolerance");
  private static final String PASS_RATE_OF = "pass_rate:";

  private MetricSections() {}

  /** {@code primary_metric}, or the catalog's default for the task. */
  static String primary(YamlCursor top, ParseContext ctx) {
    if (!top.has("primary_metric")) return MetricCatalog.defaultPrimary(ctx.task(), ctx.cutoffs());
    String primary = canonical(top.text("primary_metric"));
    checkMetric(top.get("primary_metric"), ctx, primary);
    return primary;
  }

  /** The {@code criteria} list, each with its own id (c1, c2 ... by default). */
  static List<Criterion> criteria(YamlCursor top, ParseContext ctx) {
    List<Criterion> criteria = new ArrayList<>();
    if (!top.has("criteria")) return criteria;
    Set<String> ids = new LinkedHashSet<>();
    List<YamlCursor> items = top.get("criteria").items("a list of criteria");
    for (int i = 0; i < items.size(); i++) {
      YamlCursor item = items.get(i);
      Criterion c = criterion(item, i, ctx);
      if (!ids.add(c.id())) {
        YamlCursor at = item.has("id") ? item.get("id") : item.named(item.path() + ".id");
        throw at.error("criterion id '" + c.id() + "' is used twice; give each criterion its own id");
      }
      criteria.add(c);
    }
    return criteria;
  }

  /** The {@code champion} section; without it the champion gate compares on the primary metric. */
  static Suite.Champion champion(YamlCursor top, ParseContext ctx, String primary) {
    if (!top.has("champion")) return new Suite.Champion(primary, Suite.Champion.DEFAULT_TOLERANCE);
    YamlCursor m = top.get("champion").mapping();
    m.checkKeys(CHAMPION);
    String metric = primary;
    if (m.has("metric")) {
      metric = canonical(m.text("metric"));
      checkMetric(m.get("metric"), ctx, metric);
    }
    double tolerance = Suite.Champion.DEFAULT_TOLERANCE;
    if (m.has("tolerance")) {
      tolerance = m.get("tolerance").number();
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw m.get("tolerance").error("expected how much worse than the champion a challenger may be, 0 or more, such as 0.01; found " + tolerance);
      }
    }
    return new Suite.Champion(metric, tolerance);
  }

  private static Criterion criterion(YamlCursor item, int index, ParseContext ctx) {
    YamlCursor m = item.mapping();
    m.checkKeys(CRITERION);
    if (!m.has("metric")) throw m.error("missing 'metric': the metric this criterion judges, e.g. metric: roc_auc");
    String metric = canonical(m.text("metric"));
    if (ServingMetrics.is(metric)) return servingCriterion(m, index, metric);
    Labels labels = labels(m, ctx);
    Direction direction = labels == null ? checkMetric(m.get("metric"), ctx, metric) : labelMetric(m.get("metric"), metric);
    List<Criterion.Kind> kinds = new ArrayList<>();
    for (Criterion.Kind k : Criterion.Kind.values()) if (m.has(k.key())) kinds.add(k);
    if (kinds.size() != 1) {
      throw m.error(kinds.isEmpty()
          ? "say what the bar is with one of min, max, worst_min, worst_max, max_gap or min_lift"
          : "give one bar per criterion, found " + kinds.stream().map(Criterion.Kind::key).toList() + "; split it into several criteria");
    }
    Criterion.Kind kind = kinds.get(0);
    YamlCursor bar = m.get(kind.key());
    if (kind == Criterion.Kind.MIN_LIFT && labels != null) {
      throw bar.error("min_lift judges the whole set against the baseline; a label's lift is not measured: bound the label with min, or remove "
          + (labels.many() ? "labels" : "label"));
    }
    if (kind == Criterion.Kind.MIN_LIFT && !ctx.hasBaseline()) {
      throw bar.error("min_lift needs a baseline to lift over: add " + (ctx.task() == Task.RETRIEVAL
          ? "baseline: {kind: run, path: FILE} with the ranked lists of the search you use today"
          : "baseline: {kind: column, column: NAME} or {kind: run, path: FILE} with the answers given today"));
    }
    double threshold = bar.number();
    String slice = m.optionalText("slice");
    boolean sliced = kind == Criterion.Kind.WORST_MIN || kind == Criterion.Kind.WORST_MAX || kind == Criterion.Kind.MAX_GAP;
    if (labels != null) {
      if (slice != null) throw m.get("slice").error("a label criterion judges the label on the whole set; slice and label together are not supported");
      if (sliced && !labels.many()) {
        throw m.get("label").error(kind.key() + " compares labels: write labels: all (or a list of labels) instead of label");
      }
      if (!sliced && labels.many()) {
        throw m.get("labels").error(kind.key() + " bounds one label: write label: NAME, or worst_min to bound every label of labels");
      }
    } else if (sliced && slice == null) {
      throw m.error(kind.key() + " compares slice groups: add 'slice: COLUMN' naming one of data.slices " + ctx.slices()
          + (ctx.task() == Task.MULTILABEL_CLASSIFICATION ? ", or 'labels: all' to compare the labels" : ""));
    }
    if (!sliced && slice != null) {
      String instead = direction == Direction.HIGHER_IS_BETTER ? "worst_min" : "worst_max";
      throw m.get("slice").error(kind.key() + " judges the whole set; to bound every group of a slice use " + instead + " with slice");
    }
    if (slice != null && !ctx.slices().contains(slice)) throw m.get("slice").error(notASlice(slice, ctx.slices(), ctx.columns()));
    String wrongDirection = null;
    if ((kind == Criterion.Kind.MIN || kind == Criterion.Kind.WORST_MIN) && direction == Direction.LOWER_IS_BETTER) {
      wrongDirection = metric + " is better when lower, so bound it with " + (kind == Criterion.Kind.MIN ? "max" : "worst_max");
    }
    if ((kind == Criterion.Kind.MAX || kind == Criterion.Kind.WORST_MAX) && direction == Direction.HIGHER_IS_BETTER) {
      wrongDirection = metric + " is better when higher, so bound it with " + (kind == Criterion.Kind.MAX ? "min" : "worst_min");
    }
    if (wrongDirection != null) throw bar.error(wrongDirection);
    if (kind == Criterion.Kind.MAX_GAP && threshold < 0) throw bar.error("a gap is never negative; give 0 or more");
    String outOfRange = outOfRange(metric, labels == null ? ctx.bounds(metric) : MetricCatalog.labelBounds(metric), kind, threshold);
    if (outOfRange != null) throw bar.error(outOfRange);
    boolean atPoint = false;
    if (m.has("at")) {
      String at = m.text("at");
      if (!at.equals("ci") && !at.equals("point")) {
        throw m.get("at").error("expected 'ci' (judge the confidence interval, the default) or 'point', found '" + at + "'");
      }
      atPoint = at.equals("point");
    }
    String id = m.has("id") ? m.text("id") : "c" + (index + 1);
    return new Criterion(id, metric, kind, threshold, slice, atPoint, m.line(), labels == null ? null : labels.names(), labels != null && labels.all());
  }

  /** The labels a criterion names: one ({@code label}), or those compared ({@code labels}: all, or a list of two or more). */
  private record Labels(List<String> names, boolean all, boolean many) {}

  /** The criterion's {@code label} or {@code labels}, checked against the suite's labels; null when it has neither. */
  private static Labels labels(YamlCursor m, ParseContext ctx) {
    boolean one = m.has("label");
    boolean many = m.has("labels");
    if (!one && !many) return null;
    YamlCursor at = m.get(one ? "label" : "labels");
    if (ctx.task() != Task.MULTILABEL_CLASSIFICATION) {
      throw at.error("label and labels name the labels of a multilabel_classification suite; remove it"
          + (ctx.task() == Task.MULTICLASS_CLASSIFICATION ? " (per-class figures are in the report's per_class)" : ""));
    }
    if (one && many) throw m.get("labels").error("give label (one label, with min) or labels (the labels compared, with worst_min or max_gap), not both");
    List<String> known = ctx.labels();
    if (one) {
      String label = at.text();
      if (!known.contains(label)) {
        throw at.error(notALabel(label, known) + (label.equals("all") ? "; to compare every label write labels: all (with worst_min or max_gap)" : ""));
      }
      return new Labels(List.of(label), false, false);
    }
    if (at.node() instanceof YamlNode.Scalar && "all".equals(at.text())) return new Labels(known, true, true);
    List<String> names = m.optionalTextList("labels");
    Set<String> seen = new LinkedHashSet<>();
    for (String label : names) {
      if (!known.contains(label)) throw at.error(notALabel(label, known) + (names.size() == 1 && !label.equals("all") ? "; write 'all' to compare every label" : ""));
      if (!seen.add(label)) throw at.error("label '" + label + "' is listed twice");
    }
    if (seen.size() < 2) throw at.error("compare at least 2 labels, or write labels: all; to bound one label use label: NAME with min");
    return new Labels(List.copyOf(seen), seen.size() == known.size(), true);
  }

  private static String notALabel(String label, List<String> known) {
    return "'" + label + "' is not a label of predictions.scores " + known + Names.didYouMean(label, known);
  }

  /** The direction of a per-label figure named with label or labels. */
  private static Direction labelMetric(YamlCursor at, String metric) {
    return MetricCatalog.labelDirection(metric).orElseThrow(() -> at.error("'" + metric + "' is not a figure of one label; with label or labels use one of "
        + MetricCatalog.PER_LABEL + Names.didYouMean(metric, MetricCatalog.PER_LABEL)));
  }

  /**
   * Why a bar outside the range of what it bounds can never pass (or never fail), or null when it is
   * inside. A share written as a percentage ({@code min: 80} on roc_auc) is the usual cause, so
   * the advice gives the share when that fits.
   */
  static String outOfRange(String metric, MetricCatalog.Bounds bounds, Criterion.Kind kind, double threshold) {
    double width = bounds.width();
    MetricCatalog.Bounds range = switch (kind) {
      case MIN_LIFT -> new MetricCatalog.Bounds(-width, width);
      case MAX_GAP -> new MetricCatalog.Bounds(0, width);
      default -> bounds;
    };
    if (range.contains(threshold)) return null;
    String subject = switch (kind) {
      case MIN_LIFT -> metric + " is " + bounds.describe() + " and its lift over the baseline " + range.describe();
      case MAX_GAP -> metric + " is " + bounds.describe() + " and the gap between its best and worst slice group " + range.describe();
      default -> metric + " is " + bounds.describe();
    };
    boolean above = threshold > range.upper();
    String never = above == kind.atLeast() ? "pass" : "fail";
    String bar = kind.key() + ": " + Format.plain(threshold);
    String advice = threshold > 1 && bounds.upper() <= 1 && range.contains(threshold / 100)
        ? "if " + Format.plain(threshold) + " is a percentage, write " + kind.key() + ": " + Format.plain(threshold / 100)
        : "give a bar that is " + range.describe();
    return subject + ", so " + bar + " can never " + never + "; " + advice;
  }

  /**
   * A slice not among data.slices. A name that differs only in case from a declared slice is not
   * answered with "did you mean" the declared spelling, which may be the typo: the evaluation set's
   * header ({@code columns}, when it could be read) decides which spelling is right, and the message
   * says what to change where; without the header it says to use the header's spelling in both.
   */
  static String notASlice(String slice, List<String> slices, List<String> columns) {
    for (String s : slices) {
      if (!s.equalsIgnoreCase(slice)) continue;
      String both = "'" + slice + "' is not among data.slices " + slices + ", which spells it '" + s + "'; column names are case-sensitive";
      if (columns.contains(slice) && !columns.contains(s)) {
        List<String> fixed = slices.stream().map(x -> x.equals(s) ? slice : x).toList();
        return both + ", and the evaluation set's column is '" + slice + "': write data.slices: " + fixed.toString();
      }
      if (columns.contains(s)) return both + ", and the evaluation set's column is '" + s + "': write slice: " + s + " here";
      String right = columns.stream().filter(c -> c.equalsIgnoreCase(slice)).findFirst().orElse(null);
      if (right != null) {
        List<String> fixed = slices.stream().map(x -> x.equals(s) ? right : x).toList();
        return both + ", and the evaluation set's column is '" + right + "': write data.slices: " + fixed + " and slice: " + right + " here";
      }
      return both + "; write the evaluation set's own spelling of the column in both places";
    }
    return "'" + slice + "' is not among data.slices " + slices + Names.didYouMean(slice, slices) + "; add it to data.slices";
  }

  /**
   * A criterion on how the model is served (latency_p95_ms, error_rate, cost_per_1000): measured
   * once by {@code holdout score}, so it is judged on the measured value, with min or max only.
   */
  private static Criterion servingCriterion(YamlCursor m, int index, String metric) {
    for (String k : List.of("worst_min", "worst_max", "max_gap", "min_lift", "slice")) {
      if (m.has(k)) throw m.get(k).error(metric + " is measured once for the whole run; bound it with max");
    }
    if (m.has("min")) throw m.get("min").error(metric + " is better when lower, so bound it with max");
    if (!m.has("max")) throw m.error("say what the bar is with max, e.g. {metric: " + metric + ", max: " + ServingMetrics.example(metric) + "}");
    double threshold = m.get("max").number();
    if (threshold < 0) throw m.get("max").error(metric + " is never negative; give 0 or more");
    if (m.has("at") && !"point".equals(m.text("at"))) {
      throw m.get("at").error(metric + " is measured, not resampled, so it is judged on the measured value; remove 'at' or write 'at: point'");
    }
    String id = m.has("id") ? m.text("id") : "c" + (index + 1);
    return new Criterion(id, metric, Criterion.Kind.MAX, threshold, null, true, m.line());
  }

  /** One spelling per metric: pinball_q0.90 and pinball_q.9 become pinball_q0.9, recall@5.0% becomes recall@5%. */
  private static String canonical(String metric) {
    return MetricCatalog.pinballQuantile(metric).map(MetricCatalog::pinballName).orElse(MetricCatalog.canonicalBudget(metric));
  }

  /** The direction of {@code metric}, after checking the task knows it and the suite provides what it needs. */
  private static Direction checkMetric(YamlCursor at, ParseContext ctx, String metric) {
    Task task = ctx.task();
    List<String> known = ctx.knownMetrics();
    if (task == Task.MULTILABEL_CLASSIFICATION && MetricCatalog.labelDirection(metric).isPresent()) {
      String whole = switch (metric) {
        case "roc_auc" -> "roc_auc_macro";
        case "average_precision" -> "label_ranking_average_precision";
        default -> metric + "_micro, " + metric + "_macro, " + metric + "_weighted or " + metric + "_samples";
      };
      throw at.error(metric + " is a figure of one label: add 'label: NAME' (with min), or 'labels: all' (with worst_min or max_gap);"
          + " for the whole set use " + whole);
    }
    Direction d = MetricCatalog.direction(task, metric).orElseThrow(() -> at.error(
        MetricCatalog.allNames().contains(metric) || MetricCatalog.budget(metric).isPresent()
        ? "metric '" + metric + "' does not apply to " + task.key() + "; use one of " + known
        : "unknown metric '" + metric + "'" + Names.didYouMean(metric, ServingMetrics.withServing(known))
            + " (" + task.key() + " metrics: " + String.join(", ", known) + ")"));
    if (MetricCatalog.signed(task, metric)) {
      throw at.error(metric + " has a sign (forecast minus actual), so neither end is better: bound abs_bias with max, or read bias in the report");
    }
    if (metric.equals("expected_cost") && ctx.costs() == null) throw at.error("expected_cost needs a 'costs' section in the suite");
    List<String> assertionIds = ctx.assertionIds();
    if (metric.startsWith("pass_rate") && assertionIds.isEmpty()) {
      throw at.error(metric + " needs assertions: add an 'assertions' list to the suite");
    }
    if (metric.startsWith(PASS_RATE_OF) && !assertionIds.contains(metric.substring(PASS_RATE_OF.length()))) {
      String id = metric.substring(PASS_RATE_OF.length());
      throw at.error("no assertion has the id '" + id + "'" + Names.didYouMean(id, assertionIds) + "; the assertion ids are " + assertionIds);
    }
    if ((metric.equals("judge_score") || metric.equals("judge_score_ppi") || metric.equals("judge_error_rate")) && !ctx.judged()) {
      throw at.error(metric + " needs a judge: add a 'judge' section with url, rubric and scale (docs/suite.md, Judged answers)");
    }
    if ((metric.equals("context_recall") || metric.equals("faithfulness")) && !ctx.usedContext()) {
      throw at.error(metric + " needs the passages the system used: add predictions.context naming their column(s)");
    }
    List<Integer> cutoffs = ctx.cutoffs();
    MetricCatalog.cutoff(metric).ifPresent(k -> {
      if (!cutoffs.contains(k)) {
        TreeSet<Integer> with = new TreeSet<>(cutoffs);
        with.add(k);
        throw at.error(metric + " needs the cutoff " + k + " in the suite's k, which is " + cutoffs + "; add it, e.g. k: " + with);
      }
    });
    MetricCatalog.budget(metric).ifPresent(q -> {
      if (task == Task.BINARY_CLASSIFICATION && !ctx.budgets().contains(q)) {
        TreeSet<Double> with = new TreeSet<>(ctx.budgets());
        with.add(q);
        throw at.error(metric + " needs the budget " + Format.plain(q) + " in the suite's budgets, which " + (ctx.budgets().isEmpty() ? "are not given"
            : "are " + plain(ctx.budgets())) + "; add it, e.g. budgets: " + plain(with));
      }
    });
    Suite.Predictions predictions = ctx.predictions();
    if (task == Task.MULTICLASS_CLASSIFICATION && (metric.equals("log_loss") || metric.equals("top_k_accuracy"))
        && predictions.probabilities().isEmpty()) {
      throw at.error(metric + " needs class probabilities: add predictions.probabilities {class: column, ...}");
    }
    MetricCatalog.pinballQuantile(metric).ifPresent(q -> {
      if (!predictions.quantiles().containsKey(q)) {
        throw at.error(metric + " needs a column for quantile " + q + " in predictions.quantiles, which has " + predictions.quantiles().keySet());
      }
    });
    return d;
  }

  private static String plain(Collection<Double> shares) {
    return "[" + String.join(", ", shares.stream().map(Format::plain).toList()) + "]";
  }
}
