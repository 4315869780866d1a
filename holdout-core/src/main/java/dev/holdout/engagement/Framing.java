package dev.holdout.engagement;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.suite.YamlCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The five framing questions a buyer answers before asking anyone for a model, as a suite's
 * {@code framing:} section records them: the decision the model feeds, the KPI it should move, what
 * a wrong answer costs ({@code error_cost}: an amount, or {@code unbounded} when one wrong answer can
 * cost without limit), whether outcome labels exist ({@code labels: yes|no}) and who owns the model
 * after launch; the problem sentence is the suite's own {@code problem}. {@code annex} is the sha256
 * of the signed acceptance annex, when the suite names it. Null fields were not answered.
 */
public record Framing(String decision, String kpi, String errorCost, Boolean labels, String owner, String annex) {
  static final List<String> KEYS = List.of("decision", "kpi", "error_cost", "labels", "owner", "annex");

  /** A suite without a framing section. */
  public static final Framing NONE = new Framing(null, null, null, null, null, null);

  /** Whether {@code error_cost} says one wrong answer can cost without limit. */
  public boolean unboundedErrorCost() {
    return errorCost != null && List.of("unbounded", "unlimited", "unknown").contains(errorCost.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The answers that point away from ML, each said plainly; empty when none does. No outcome labels:
   * nothing to learn from or to judge a vendor on. Unbounded error cost: a statistical bar accepts
   * some wrong answers, so a rule a person can check is safer. No owner: a model nobody watches
   * decays unnoticed.
   */
  public List<String> concerns() {
    List<String> out = new ArrayList<>();
    if (Boolean.FALSE.equals(labels)) {
      out.add("no outcome labels: there is nothing to train on and nothing to judge a delivery against; collect outcomes "
          + "for the decisions made today before buying a model");
    }
    if (unboundedErrorCost()) {
      out.add("the cost of a wrong answer is unbounded: any model is wrong sometimes and an acceptance bar with intervals accepts "
          + "that; keep a rule a person can check, or bound the harm (a human review, a cap) before using ML");
    }
    if (owner == null || owner.isBlank() || owner.strip().equalsIgnoreCase("none")) {
      out.add("no owner after launch: nobody will watch drift, answer alerts or decide on retraining; name the team first");
    }
    return out;
  }

  /** What the buyer would do without ML for {@code task}: the rule baseline the suite compares every delivery with. */
  public static String ruleBaseline(Task task) {
    return switch (task) {
      case BINARY_CLASSIFICATION -> "a rule on one or two columns a person already trusts (e.g. 'call everyone whose usage fell by half'), "
          + "scored as a column of the evaluation set: baseline: {kind: column, column: rule_score}";
      case MULTICLASS_CLASSIFICATION, MULTILABEL_CLASSIFICATION -> "keyword routing or the most frequent class: baseline: {kind: majority}";
      case REGRESSION -> "last period's value or the mean: baseline: {kind: mean}";
      case FORECASTING -> "the same period last season: baseline: {kind: seasonal_naive}";
      case RETRIEVAL -> "the search used today (BM25 over the same documents): baseline: {kind: run}";
      case TEXT_GENERATION -> "the answer given today (an FAQ page or a template): baseline: {kind: column, column: faq_answer}";
      default -> "what is done today without a model";
    };
  }

  /** Reads the {@code framing} mapping at {@code top} (the suite's root), or {@link #NONE}. */
  static Framing read(YamlCursor top) {
    if (!top.has("framing")) return NONE;
    YamlCursor f = top.get("framing").mapping();
    f.checkKeys(KEYS);
    Boolean labels = null;
    if (f.has("labels")) labels = yesNo(f.get("labels"));
    String annex = f.optionalText("annex");
    if (annex != null && !annex.matches("[0-9a-f]{64}")) {
      throw f.get("annex").error("expected the annex's sha256 as 64 lowercase hex digits (holdout contract prints it), found '" + annex + "'");
    }
    return new Framing(f.optionalText("decision"), f.optionalText("kpi"), f.optionalText("error_cost"), labels, f.optionalText("owner"), annex);
  }

  /** yes/no, true/false in any case. */
  static Boolean yesNo(YamlCursor c) {
    String t = c.text().strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "yes", "true", "y" -> true;
      case "no", "false", "n" -> false;
      default -> throw c.error("expected yes or no, found '" + c.text() + "'");
    };
  }

  /** {@link #yesNo} for a command-line answer. */
  public static Boolean yesNo(String option, String answer) {
    if (answer == null) return null;
    return switch (answer.strip().toLowerCase(Locale.ROOT)) {
      case "yes", "true", "y" -> true;
      case "no", "false", "n" -> false;
      default -> throw new HoldoutException(option + ": expected yes or no, found '" + answer + "'");
    };
  }
}
