package dev.holdout.engagement;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The suite {@code holdout init} writes from the framing answers: a {@code holdout.suite/v1} file
 * for the task with placeholder columns and bars to edit, the rule baseline, and a {@code framing}
 * section recording the answers. The text parses as it is (a test checks every task it writes).
 */
public final class SuiteSkeleton {
  /** A sentence break inside the text: a full stop, question or exclamation mark, a space, then a capital. */
  private static final Pattern TWO_SENTENCES = Pattern.compile("[.!?]\\s+\\p{Lu}");
  static final int MAX_PROBLEM = 300;

  /** The answers to the framing questions; {@code labels} null when not answered. */
  public record Answers(String name, String problem, Task task, String decision, String kpi, String errorCost, Boolean labels, String owner) {
    /** The answers as the suite's framing section records them. */
    public Framing framing() {
      return new Framing(blankToNull(decision), blankToNull(kpi), blankToNull(errorCost), labels, blankToNull(owner), null);
    }
  }

  private SuiteSkeleton() {}

  /**
   * Refuses a problem that is not one sentence: blank, longer than 300 characters, or two sentences.
   * The one sentence is the test that the buyer knows what the model is for.
   */
  public static String checkProblem(String problem) {
    if (problem == null || problem.isBlank()) {
      throw new HoldoutException("the problem is required: say in one sentence what decision the model should improve "
          + "(e.g. 'Predict which subscribers cancel within 30 days so the retention team calls the right ones')");
    }
    String p = problem.strip().replaceAll("\\s+", " ");
    if (p.length() > MAX_PROBLEM) {
      throw new HoldoutException("the problem is " + p.length() + " characters; say it in one sentence of at most " + MAX_PROBLEM);
    }
    if (TWO_SENTENCES.matcher(p).find()) {
      throw new HoldoutException("the problem is more than one sentence ('" + p + "'); say it in one: the decision, and what it should achieve");
    }
    return p;
  }

  /** The suite text for {@code a}; the task must be one init writes. */
  public static String yaml(Answers a) {
    String problem = checkProblem(a.problem());
    StringBuilder b = new StringBuilder(1024);
    b.append("suite: holdout.suite/v1\n");
    b.append("name: ").append(quote(a.name())).append('\n');
    b.append("problem: ").append(quote(problem)).append('\n');
    b.append("task: ").append(a.task().key()).append('\n');
    b.append(body(a.task()));
    b.append("bootstrap: {replicates: 1000, confidence: 0.95, seed: 7}\n");
    Framing f = a.framing();
    b.append("framing:\n");
    line(b, "decision", f.decision());
    line(b, "kpi", f.kpi());
    line(b, "error_cost", f.errorCost());
    if (f.labels() != null) b.append("  labels: ").append(f.labels() ? "yes" : "no").append('\n');
    line(b, "owner", f.owner());
    b.append("  # annex: the sha256 'holdout contract' prints, once the annex is signed\n");
    return b.toString();
  }

  private static String body(Task task) {
    return switch (task) {
      case BINARY_CLASSIFICATION -> """
          data:
            path: eval.csv                  # the labeled evaluation set the vendor never sees
            id: id
            label: outcome
            positive: "1"
            slices: []                      # e.g. [region, plan]: every group must be served
          predictions:
            id: id
            score: score                    # the probability of the positive class
            threshold: 0.5
          primary_metric: roc_auc
          criteria:
            - id: auc
              metric: roc_auc
              min: 0.75
            - id: beats-rule
              metric: roc_auc
              min_lift: 0.05
          costs: {tp: 0, fp: 1, fn: 5, tn: 0}   # per decision, from the cost of a wrong answer
          baseline: {kind: column, column: rule_score}   # the rule used today, as a column of the set
          """;
      case MULTICLASS_CLASSIFICATION -> """
          data:
            path: eval.csv
            id: id
            label: label
            classes: [a, b, c]              # the classes, as in the label column
            slices: []
          predictions:
            id: id
            label: predicted
          primary_metric: accuracy
          criteria:
            - id: accuracy
              metric: accuracy
              min: 0.80
            - id: beats-rule
              metric: accuracy
              min_lift: 0.05
          baseline: {kind: majority}
          """;
      case REGRESSION -> """
          data:
            path: eval.csv
            id: id
            label: actual
            slices: []
          predictions:
            id: id
            value: predicted
          primary_metric: mae
          criteria:
            - id: error
              metric: mae
              max: 10
            - id: beats-mean
              metric: mae
              min_lift: 1
          baseline: {kind: mean}
          """;
      case TEXT_GENERATION -> """
          data:
            path: eval.csv
            id: id
            reference: [answer]             # the reference answers
            slices: []
          predictions:
            id: id
            output: answer
          primary_metric: token_f1
          criteria:
            - id: f1
              metric: token_f1
              min: 0.60
            - id: refusals
              metric: refusal_rate
              max: 0.15
          baseline: {kind: column, column: faq_answer}   # the answer given today
          """;
      case RETRIEVAL -> """
          data:
            path: qrels.csv                 # query_id, doc_id, relevance
            id: query_id
            doc: doc_id
            relevance: relevance
          predictions:
            id: query_id
            doc: doc_id
            rank: rank
          k: [1, 5, 10]
          primary_metric: ndcg@10
          criteria:
            - id: ndcg
              metric: ndcg@10
              min: 0.50
          """;
      default -> throw new HoldoutException("holdout init writes binary_classification, multiclass_classification, regression, retrieval and "
          + "text_generation suites; for " + task.key() + " start from an example in examples/ (docs/suite.md)");
    };
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value != null) b.append("  ").append(key).append(": ").append(quote(value)).append('\n');
  }

  /** A YAML double-quoted scalar. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A suite name from a folder or file name: lowercase words joined by dashes. */
  public static String nameFrom(String base) {
    String n = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return n.isEmpty() ? "acceptance" : n;
  }
}
