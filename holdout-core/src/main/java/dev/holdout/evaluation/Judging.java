package dev.holdout.evaluation;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.endpoint.Endpoint;
import dev.holdout.judge.Agreement;
import dev.holdout.judge.HumanGrades;
import dev.holdout.judge.JudgeRun;
import dev.holdout.judge.Judgements;
import dev.holdout.judge.Kappa;
import dev.holdout.judge.Ppi;
import dev.holdout.base.Format;
import dev.holdout.result.Report;
import dev.holdout.stats.Bootstrap;
import dev.holdout.suite.Suite;
import dev.holdout.suite.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a text generation suite's judge over one submission's answers before it is evaluated, and
 * turns the judgements into the report's {@code judge} section: what was judged and what failed,
 * the agreement between repeats and, with human grades, Cohen's kappa between the judge's rounded
 * mean grade and the person's grade. Every row is judged as the evaluation scores it (a missing
 * answer under {@code missing: wrong} is judged as an empty answer; under {@code ignore} it is not
 * judged).
 */
public final class Judging {
  private Judging() {}

  /**
   * Where judgements are cached and written, the optional file of human grades, and how an
   * environment variable is read (the API key; tests pass a map's {@code get}).
   */
  public record Options(Path cache, Path judgements, Path humanGrades, Function<String, String> env) {
    /** The cache in {@code .holdout-cache/judge} beside the suite, judgements in {@code NAME.judgements.jsonl} beside the predictions. */
    public static Options defaults(Suite suite, Path predictions) {
      return new Options(null, null, null, System::getenv).resolve(suite, predictions);
    }

    /** These options with the defaults filled in where a path is null. */
    public Options resolve(Suite suite, Path predictions) {
      Path folder = suite.file().toAbsolutePath().getParent();
      Path c = cache != null ? cache : folder.resolve(".holdout-cache").resolve("judge");
      Path j = judgements != null ? judgements
          : predictions.toAbsolutePath().resolveSibling(Submission.defaultName(predictions) + ".judgements.jsonl");
      return new Options(c, j, humanGrades, env == null ? System::getenv : env);
    }
  }

  /** Whether the suite has a judge. */
  public static boolean judged(Suite suite) {
    return suite.text() != null && suite.text().judge() != null;
  }

  /** The submission with its judgements (and human grades when given); unchanged when the suite has no judge. */
  public static Submission judge(Suite suite, EvaluationSet eval, Submission submission, Options options) {
    return judge(suite, eval, submission, options, Progress.NONE);
  }

  /** As {@link #judge(Suite, EvaluationSet, Submission, Options)}, reporting judgements done to {@code progress}. */
  public static Submission judge(Suite suite, EvaluationSet eval, Submission submission, Options options, Progress progress) {
    if (!judged(suite)) {
      if (options != null && options.humanGrades() != null) {
        throw new HoldoutException(suite.file() + ": --human-grades compares human grades with the judge's, but the suite has no 'judge' section");
      }
      return submission;
    }
    Suite.Judge judge = suite.text().judge();
    String apiKey = apiKey(suite, options.env());
    Map<String, Integer> human = null;
    if (options.humanGrades() != null) {
      human = HumanGrades.read(options.humanGrades(), suite.data().id(), new HashSet<>(ids(eval)), judge.min(), judge.max());
    }
    String[] inputs = inputs(suite, judge, eval);
    boolean ignore = suite.predictions().missing() == Suite.Missing.IGNORE;
    List<JudgeRun.Item> items = new ArrayList<>();
    for (int i = 0; i < eval.rows; i++) {
      if (ignore && !submission.present[i]) {
        items.add(null);
        continue;
      }
      String[] t = submission.answers.texts[i];
      // an empty passage column is no passage: the judge is told "(no passages)" rather than shown blanks
      List<String> passages = t == null ? List.of() : Arrays.stream(t, 1, t.length).filter(p -> !p.isBlank()).toList();
      items.add(new JudgeRun.Item(eval.ids.get(i), inputs[i], List.of(eval.references.texts[i]), t == null ? "" : t[0], passages));
    }
    Judgements j = JudgeRun.run(judge, apiKey, items, options.cache(), options.judgements(), done -> progress.rows("judging answers", done / judge.repeats()));
    return submission.withJudged(new Judged(j, human, options.humanGrades()));
  }

  /**
   * The judge's API key from the environment variable the suite names; null when it names none.
   * A variable that is not set is an error, checked before anything is sent.
   */
  public static String apiKey(Suite suite, Function<String, String> env) {
    if (!judged(suite)) return null;
    Suite.Judge judge = suite.text().judge();
    if (judge.apiKeyEnv() == null) return null;
    String key = (env == null ? System.getenv(judge.apiKeyEnv()) : env.apply(judge.apiKeyEnv()));
    if (key == null || key.isBlank()) {
      throw new HoldoutException(suite.file() + " line " + judge.line() + ", judge.api_key_env: the environment variable " + judge.apiKeyEnv()
          + " is not set; set it to the judge's API key (export " + judge.apiKeyEnv() + "=...), or remove api_key_env for an endpoint without a key");
    }
    return key.strip();
  }

  /** A submission's judgements and the human grades by id (null: none given) with their file. */
  record Judged(Judgements judgements, Map<String, Integer> human, Path humanFile) {}

  private static List<String> ids(EvaluationSet eval) {
    List<String> ids = new ArrayList<>(eval.rows);
    for (int i = 0; i < eval.rows; i++) ids.add(eval.ids.get(i));
    return ids;
  }

  /** Each row's input: the judge's template with {column} replaced by the row's value in the evaluation set. */
  private static String[] inputs(Suite suite, Suite.Judge judge, EvaluationSet eval) {
    String[] out = new String[eval.rows];
    try (RecordReader r = RecordReaders.open(suite.data().path())) {
      int idCol = Values.column(r, suite.data().id(), "data.id in the suite");
      Map<String, Integer> cols = new HashMap<>();
      for (String name : Template.names(judge.input())) {
        int c = r.header().indexOf(name);
        if (c < 0) {
          throw new HoldoutException.BadSuite(suite.file() + " line " + judge.line() + ", judge.input: {" + name + "} is not a column of "
              + r.path().getFileName() + Names.didYouMean(name, r.header()) + " (columns: " + r.header() + ")");
        }
        cols.put(name, c);
      }
      int expected = 0;
      while (r.next()) {
        int row = eval.find(Values.required(r, idCol, "an id").strip(), expected++);
        if (row < 0) continue;
        out[row] = Template.render(judge.input(), name -> {
          String v = r.field(cols.get(name));
          return v == null ? null : v.strip();
        });
      }
    }
    return out;
  }

  /** The report's judge section for the evaluated {@code rows}. */
  static Report.JudgeSummary summary(Suite suite, EvaluationSet eval, Judged judged, int[] rows) {
    Suite.Judge judge = suite.text().judge();
    Judgements j = judged.judgements();
    Bootstrap.Settings b = suite.bootstrap();
    Agreement agreement = Agreement.of(j);
    Report.RepeatAgreement repeats = new Report.RepeatAgreement(agreement.rows(), Estimates.point(agreement.exact()),
        Estimates.point(agreement.meanSpread()), Estimates.point(agreement.alpha()));
    Report.HumanAgreement human = null;
    if (judged.human() != null) {
      int[] a = new int[rows.length];
      int[] h = new int[rows.length];
      int n = 0;
      for (int i : rows) {
        Integer grade = judged.human().get(eval.ids.get(i));
        double score = j.score(i);
        if (grade == null || Double.isNaN(score)) continue;
        a[n] = rounded(score);
        h[n++] = grade;
      }
      Kappa.Result k = Kappa.of(Arrays.copyOf(a, n), Arrays.copyOf(h, n), judge.min(), judge.max(), b);
      human = new Report.HumanAgreement(judged.humanFile().getFileName().toString(), judged.human().size(), k.rows(),
          Estimates.of(k.kappa(), k.kappaReplicates(), b.replicates(), b.confidence()),
          Estimates.of(k.quadratic(), k.quadraticReplicates(), b.replicates(), b.confidence()));
    }
    int judgedRows = 0, failedRows = 0, failed = 0;
    for (int i : rows) {
      if (!j.judged(i)) continue;
      judgedRows++;
      if (Double.isNaN(j.score(i))) failedRows++;
      for (int k = 0; k < j.repeats(); k++) if (Double.isNaN(j.grade(i, k))) failed++;
    }
    String target = Endpoint.shown(judge.url());
    String validation = validation(human, judge.minKappa(), b.confidence());
    Ppi ppi = judged.human() == null ? null : ppi(eval, judged, rows);
    Report.PpiEstimate ppiEstimate = null;
    if (ppi != null) {
      double[] ci = ppi.interval(b.confidence());
      ppiEstimate = new Report.PpiEstimate(ppi.value(), List.of(ci[0], ci[1]), ppi.se(), ppi.lambda(), ppi.graded(), ppi.ungraded());
    }
    return new Report.JudgeSummary(target, judge.model(), new Report.Scale(judge.min(), judge.max()), judge.repeats(),
        j.file() == null ? null : j.file().getFileName().toString(), judgedRows, failedRows, failed, j.requests(), j.cached(),
        j.errorExamples(5), repeats, human, validation == null, validation == null ? "quadratic kappa with human grades reaches "
            + Format.plain(judge.minKappa()) + " at the lower end of its interval" : validation, ppiEstimate,
        judge.builtIn() == null ? null : judge.builtIn().id());
  }

  /**
   * Why the judge's mean grade may not decide criteria, or null when it may: its quadratic kappa
   * with people must reach {@code minKappa} at the lower end of its interval.
   */
  private static String validation(Report.HumanAgreement human, double minKappa, double confidence) {
    String bar = "a judge's mean grade decides a criterion only when its quadratic kappa with human grades reaches " + Format.plain(minKappa)
        + " (judge.min_kappa) at the lower end of its " + Format.plain(confidence * 100) + "% interval";
    if (human == null) return "the judge was not checked against people: " + bar + "; give --human-grades (a person's grades of some answers),"
        + " or judge on judge_score_ppi";
    Report.Estimate k = human.cohenKappaQuadratic();
    if (k.value() == null) return "the judge's agreement with human grades is undefined (" + k.undefined() + "): " + bar;
    if (k.ci() == null) return "the judge's agreement with human grades has no interval (too few graded answers): " + bar;
    if (k.ci().get(0) < minKappa) {
      return "the judge agrees with people too little: quadratic kappa " + Format.number(k.value()) + " [" + Format.number(k.ci().get(0)) + ", "
          + Format.number(k.ci().get(1)) + "] on " + human.rows() + " answers, and " + bar;
    }
    return null;
  }

  /** PPI of the mean human grade over the evaluated rows with a judge score; null when fewer than two of them have a human grade. */
  private static Ppi ppi(EvaluationSet eval, Judged judged, int[] rows) {
    double[] fu = new double[rows.length];
    double[] fl = new double[rows.length];
    double[] y = new double[rows.length];
    int u = 0;
    int l = 0;
    for (int i : rows) {
      double score = judged.judgements().score(i);
      if (!judged.judgements().judged(i) || Double.isNaN(score)) continue;
      Integer grade = judged.human().get(eval.ids.get(i));
      if (grade == null) {
        fu[u++] = score;
      } else {
        fl[l] = score;
        y[l++] = grade;
      }
    }
    return Ppi.of(Arrays.copyOf(fu, u), Arrays.copyOf(fl, l), Arrays.copyOf(y, l));
  }

  /** A mean grade rounded to the nearest whole grade, halves up (3.5 becomes 4). */
  static int rounded(double mean) {
    return (int) Math.floor(mean + 0.5);
  }

  /** Per-row judge values for the metrics judge_score and judge_error_rate; NaN where the row has no value. */
  static void values(Judged judged, int row, double[] out, int at) {
    if (judged == null || !judged.judgements().judged(row)) {
      out[at] = Double.NaN;
      out[at + 1] = Double.NaN;
      return;
    }
    double s = judged.judgements().score(row);
    out[at] = s;
    out[at + 1] = Double.isNaN(s) ? 1 : 0;
  }

}
