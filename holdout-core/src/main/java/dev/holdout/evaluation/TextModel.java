package dev.holdout.evaluation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.holdout.endpoint.ToolCalls;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.TextMetrics;
import dev.holdout.script.Script;
import dev.holdout.suite.RowTemplates;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Text generation: each answer is a row, scored once per submission against the row's references
 * (see {@link TextMetrics}), with the suite's assertions as 0/1 values whose means are pass rates.
 * A row without an answer is scored as an empty answer under {@code missing: wrong}. The grounding
 * scores compare the answer and the reference with the passages the system says it used:
 * context_recall is the share of the best-covered reference's content words found in those
 * passages, faithfulness the share of the answer's content words found there (an answer without
 * content words counts as 1). Both are lexical: a paraphrase scores low and a copied but wrong
 * sentence scores high. With a judge, judge_score is the mean of the row's successful judge grades
 * and judge_error_rate 1 when every repeat failed: such a row has no judge_score (NaN), so it is
 * left out of that mean rather than scored as the worst grade. The baseline is a column of the
 * evaluation set or a file of answers given today (kind run); its grounding scores are undefined
 * when it names no used passages, and it is not judged.
 */
final class TextModel extends TaskModel implements RowMeans {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> names;
  private final int m;
  private final double[][] perRow;
  private final String baselineName;
  /** Whether a submission's rows were asked several times: then its values are means over the asks, and consistency is measured. */
  private final boolean repeated;

  TextModel(Suite suite, EvaluationSet eval, List<Submission> submissions) {
    super(suite, eval, submissions.size());
    Suite.Text ts = suite.text();
    boolean grounding = !ts.usedContext().isEmpty();
    boolean judgedSuite = ts.judge() != null;
    List<String> all = new ArrayList<>(MetricCatalog.textNames(grounding, judgedSuite, ts.assertions().stream().map(Suite.Assertion::id).toList()));
    repeated = submissions.stream().anyMatch(s -> s.answers.asks != null);
    if (repeated) all.add(MetricCatalog.CONSISTENCY);
    names = List.copyOf(all);
    m = names.size();
    perRow = new double[submissions.size() + 1][];
    for (int s = 0; s < submissions.size(); s++) {
      perRow[s] = values(submissions.get(s).answers, judgedSuite ? submissions.get(s).judged : null, eval, ts);
    }
    if (eval.baselineAnswers != null) perRow[baseline] = values(eval.baselineAnswers, null, eval, ts);
    Suite.Baseline b = suite.baseline();
    baselineName = switch (b.kind()) {
      case COLUMN -> "column " + b.column() + ": the answer given today, from the evaluation set";
      case RUN -> "the answers of " + b.path().getFileName() + " (the answers given today)";
      default -> "none: the suite names no baseline (add baseline: {kind: column, column: NAME} or {kind: run, path: FILE} to compare with the answers given today)";
    };
  }

  /**
   * Every row's values for one set of answers. An answer without the passages it used (a baseline
   * that names none) has NaN grounding scores: no value, rather than 0. A row asked N times gets
   * the mean of its N answers' values (before any bootstrap over rows, so intervals cover the
   * answers' own variation), and consistency 1 when its N answers agree after SQuAD's
   * normalisation; one asked once has no consistency (NaN).
   */
  private double[] values(Answers answers, Judging.Judged judged, EvaluationSet eval, Suite.Text ts) {
    boolean grounding = !ts.usedContext().isEmpty();
    double[] out = new double[eval.rows * m];
    IntStream.range(0, eval.rows).parallel().forEach(i -> {
      String[] t = answers.texts[i] == null ? Answers.empty(ts.usedContext().size()) : answers.texts[i];
      boolean passages = t.length > 1;
      List<String> refs = List.of(eval.references.texts[i]);
      Function<String, String> cell = c -> eval.assertionColumns.get(c)[i];
      String[] more = answers.asks == null || answers.asks[i] == null || answers.texts[i] == null ? new String[0] : answers.asks[i];
      String tools = answers.toolCalls == null ? null : answers.toolCalls[i];
      score(t, refs, ts, grounding && passages, judged, i, cell, tools, out, i * m);
      if (more.length > 0) {
        double[] one = new double[m];
        String[] u = t.clone();
        for (String a : more) {
          u[0] = a;
          score(u, refs, ts, grounding && passages, judged, i, cell, tools, one, 0);
          for (int k = 0; k < m; k++) out[i * m + k] += one[k];
        }
        for (int k = 0; k < m; k++) out[i * m + k] /= more.length + 1;
      }
      if (grounding && !passages) {
        out[i * m + GROUNDING] = Double.NaN;
        out[i * m + GROUNDING + 1] = Double.NaN;
      }
      if (repeated) out[i * m + m - 1] = more.length == 0 ? Double.NaN : agree(t[0], more);
    });
    return out;
  }

  /** 1 when every answer equals the first after SQuAD's normalisation, else 0. */
  private static double agree(String first, String[] more) {
    String a = TextMetrics.normalize(first);
    for (String b : more) if (!a.equals(TextMetrics.normalize(b))) return 0;
    return 1;
  }

  /** Where context_recall and faithfulness sit in a row's values, after the six answer scores. */
  private static final int GROUNDING = 6;

  private static void score(String[] t, List<String> refs, Suite.Text ts, boolean grounding, Judging.Judged judged, int row,
      Function<String, String> cell, String tools, double[] out, int at) {
    String answer = t[0];
    int k = at;
    boolean slots = !ts.usedContext().isEmpty();
    out[k++] = TextMetrics.exactMatch(answer, refs);
    out[k++] = TextMetrics.tokenF1(answer, refs);
    out[k++] = TextMetrics.rougeL(answer, refs);
    out[k++] = TextMetrics.chrf(answer, refs);
    out[k++] = TextMetrics.length(answer);
    out[k++] = TextMetrics.refusal(answer);
    if (grounding) {
      List<String> passages = Arrays.asList(t).subList(1, t.length);
      double recall = 0;
      for (String r : refs) recall = Math.max(recall, TextMetrics.support(r, passages, 1));
      out[k++] = recall;
      out[k++] = TextMetrics.support(answer, passages, 1);
    } else if (slots) {
      k += 2;
    }
    if (ts.judge() != null) {
      Judging.values(judged, row, out, k);
      k += 2;
    }
    if (!ts.assertions().isEmpty()) {
      int all = k++;
      boolean every = true;
      for (Suite.Assertion a : ts.assertions()) {
        boolean pass = passes(a, answer, refs, cell, tools);
        every &= pass;
        out[k++] = pass ? 1 : 0;
      }
      out[all] = every ? 1 : 0;
    }
  }

  /**
   * Whether {@code answer} passes one assertion; {@code cell} gives the row's value of a column the
   * assertion names; json_valid needs the whole answer to be one JSON value.
   */
  static boolean passes(Suite.Assertion a, String answer, List<String> refs, Function<String, String> cell) {
    return passes(a, answer, refs, cell, null);
  }

  /** Whether the answer passes {@code a}; {@code tools} are the tools it called (null: none), which only tool_called reads. */
  static boolean passes(Suite.Assertion a, String answer, List<String> refs, Function<String, String> cell, String tools) {
    return switch (a.kind()) {
      case TOOL_CALLED -> ToolCalls.called(tools, a.value(), filled(a.arguments(), cell));
      case CONTAINS -> answer.contains(RowTemplates.fill(a.value(), false, cell));
      case NOT_CONTAINS -> !answer.contains(RowTemplates.fill(a.value(), false, cell));
      case REGEX -> RowTemplates.pattern(a, cell).matcher(answer).find();
      case EQUALS_REFERENCE -> TextMetrics.exactMatch(answer, refs) == 1;
      // out of time fails the check, as a wrong answer would
      case SCRIPT -> a.script().test(answer, refs, cell) == Script.Outcome.PASS;
      case MAX_LENGTH -> answer.codePointCount(0, answer.length()) <= a.maxLength();
      case JSON_VALID -> json(answer);
      case JSON_SCHEMA -> matchesSchema(a.schema(), answer);
    };
  }

  /** As {@link #passes(Suite.Assertion, String, List, Function)} for an assertion that names no column or reference. */
  static boolean passes(Suite.Assertion a, String answer) {
    return passes(a, answer, List.of(), c -> "");
  }

  /** A tool check's expected arguments with each {column} replaced by the row's value. */
  private static Map<String, String> filled(Map<String, String> arguments, Function<String, String> cell) {
    if (arguments.isEmpty()) return arguments;
    Map<String, String> out = new LinkedHashMap<>();
    arguments.forEach((k, v) -> out.put(k, RowTemplates.fill(v, false, cell)));
    return out;
  }

  /** Whether the answer is one JSON value that the schema accepts. */
  private static boolean matchesSchema(JsonSchema schema, String answer) {
    if (!json(answer)) return false;
    try {
      return schema.validate(JSON.readTree(answer)).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean json(String s) {
    if (s.isBlank()) return false;
    try (JsonParser p = JSON.getFactory().createParser(s)) {
      if (p.nextToken() == null) return false;
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public double[] perRow(int source) {
    return perRow[source];
  }

  @Override
  String baselineName() {
    return baselineName;
  }

  @Override
  Cells cells(int[] rows, int[] sources) {
    return meanCells(rows, sources);
  }
}
