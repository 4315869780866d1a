package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import dev.holdout.metric.Direction;
import dev.holdout.metric.MetricCatalog;
import dev.holdout.metric.Task;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation report as one self-contained HTML page that opens offline in any browser: inline
 * CSS, charts as inline SVG, no script, no font or image fetched (a Content-Security-Policy forbids
 * every request). It draws what the report holds and computes nothing but layout: scales, the row
 * shares of a confusion matrix, which groups to draw when a slice has more than
 * {@value SliceSection#MAX_GROUPS}. Curves arrive downsampled to at most
 * {@link Report.Charts#MAX_POINTS} points and scatter plots to {@link Report.Charts#MAX_SCATTER}
 * rows, so a page stays near 100-300 KB however many rows were evaluated. Every chart is a
 * {@code <figure>} with a stable {@code id} ({@code chart-roc}, {@code chart-slice-region-recall}
 * ...), a title, axis titles and a text alternative. User text (names, groups, labels) is escaped.
 *
 * <p>The page is the {@link Page} shell around sections that each have their own class: the
 * verdict ({@link VerdictBanner}), criteria, metrics, the task's charts (binary, multiclass,
 * regression), slices, serving and the judge. The comparison page is {@link ComparePage}.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The page for one submission. */
  public static String render(Report r) {
    return render(r, EngagementSection.NONE);
  }

  /** The page for one submission, with the engagement's money and the vendor's scorecard. */
  public static String render(Report r, EngagementSection engagement) {
    StringBuilder b = new StringBuilder(256 * 1024);
    Task task = task(r.suite());
    header(b, r);
    VerdictBanner.append(b, r);
    nav(b, r, task, !engagement.isEmpty());
    CriteriaSection.append(b, r);
    MetricsSection.append(b, r, task);
    if (task == Task.BINARY_CLASSIFICATION) BinaryCharts.append(b, r);
    else if (task == Task.MULTICLASS_CLASSIFICATION) MulticlassCharts.append(b, r);
    else if (task == Task.REGRESSION) RegressionCharts.append(b, r);
    SliceSection.append(b, r, task);
    if (r.serving() != null) ServingSection.append(b, r.serving());
    if (r.judge() != null) JudgeSection.append(b, r.judge());
    engagement.append(b);
    provenance(b, r.suite(), r.submission(), r.bootstrap(), r.provenance());
    String title = name(r.suite()) + " · " + (r.submission() == null ? "" : r.submission().name()) + " · " + r.verdict();
    return Page.document(title, b);
  }

  /** The page comparing several submissions on the same suite. */
  public static String render(CompareReport c) {
    return ComparePage.render(c, EngagementSection.NONE);
  }

  /** The comparison page, with the money per vendor and the scorecards. */
  public static String render(CompareReport c, EngagementSection engagement) {
    return ComparePage.render(c, engagement);
  }

  public static void write(Report report, Path file) {
    write(report, EngagementSection.NONE, file);
  }

  public static void write(Report report, EngagementSection engagement, Path file) {
    String html = render(report, engagement);
    AtomicFiles.write(file, w -> w.write(html));
  }

  public static void write(CompareReport report, Path file) {
    write(report, EngagementSection.NONE, file);
  }

  public static void write(CompareReport report, EngagementSection engagement, Path file) {
    String html = render(report, engagement);
    AtomicFiles.write(file, w -> w.write(html));
  }

  private static void header(StringBuilder b, Report r) {
    StringBuilder facts = new StringBuilder();
    if (r.submission() != null) {
      facts.append("<li>Submission <b>").append(esc(r.submission().name())).append("</b>");
      if (r.submission().file() != null) facts.append(" (").append(esc(r.submission().file())).append(')');
      facts.append("</li>");
    }
    if (r.suite().data() != null) facts.append("<li>Evaluation set <b>").append(esc(r.suite().data())).append("</b></li>");
    if (r.rows() != null) {
      boolean queries = "retrieval".equals(r.suite().task());
      facts.append("<li><b>").append(Format.count(r.rows().evaluated())).append(queries ? "</b> queries evaluated</li>" : "</b> rows evaluated</li>");
      facts.append("<li><b>").append(Format.count(r.rows().missingPredictions())).append(queries ? "</b> without a ranked list</li>" : "</b> missing predictions</li>");
      if (!queries) facts.append("<li><b>").append(Format.count(r.rows().extraPredictions())).append("</b> extra</li>");
      if (r.rows().ignored() > 0) facts.append("<li><b>").append(Format.count(r.rows().ignored())).append("</b> left out</li>");
      if (r.rows().groups() != null) {
        facts.append("<li><b>").append(Format.count(r.rows().groups())).append("</b> groups of <span class=\"mono\">")
            .append(esc(r.bootstrap().group())).append("</span>, resampled by the intervals</li>");
      }
    }
    if (r.suite().primaryMetric() != null) facts.append("<li>Primary metric <b>").append(esc(r.suite().primaryMetric())).append("</b></li>");
    Page.header(b, "Holdout acceptance report · " + Html.words(r.suite().task()), name(r.suite()), r.suite().problem(), facts);
  }

  private static void nav(StringBuilder b, Report r, Task t, boolean engagement) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("criteria", "Criteria");
    links.put("metrics", "Metrics");
    if (t == Task.BINARY_CLASSIFICATION || t == Task.MULTICLASS_CLASSIFICATION || t == Task.REGRESSION) {
      links.put("charts", t == Task.REGRESSION ? "Predictions" : t == Task.BINARY_CLASSIFICATION ? "Scores" : "Classes");
    }
    if (r.slices() != null && !r.slices().isEmpty()) links.put("slices", "Slices");
    if (r.judge() != null) links.put("judge", "Judge");
    if (engagement) links.put("engagement", "Engagement");
    links.put("provenance", "Provenance");
    Page.nav(b, links);
  }

  /** The footer of the evaluation and comparison pages: the files with their digests, the intervals, the charts, who made the page. */
  static void provenance(StringBuilder b, Report.SuiteInfo suite, Report.SubmissionInfo sub, Report.BootstrapInfo boot, Report.Provenance prov) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (suite.file() != null) entries.put("Suite", esc(suite.file()) + sha(suite.sha256()));
    if (suite.data() != null) entries.put("Evaluation set", esc(suite.data()) + sha(suite.dataSha256()));
    if (sub != null && sub.file() != null) entries.put("Submission", esc(sub.file()) + sha(sub.sha256()));
    if (boot != null) {
      entries.put("Intervals", esc(boot.method()) + " bootstrap, " + Format.count(boot.replicates()) + " replicates, " + Format.level(boot.confidence())
          + " confidence, seed " + boot.seed() + (boot.note() == null ? "" : "; " + esc(boot.note())));
    }
    entries.put("Charts", "drawn from every row; curves downsampled to at most " + Report.Charts.MAX_POINTS + " points and scatter plots to "
        + Format.count(Report.Charts.MAX_SCATTER) + " rows. The JSON report (--json) holds every figure on this page.");
    Page.footer(b, entries, prov);
  }

  private static String sha(String sha) {
    return sha == null ? "" : " <span class=\"mono\">sha256 " + esc(sha) + "</span>";
  }

  /** The confidence level of the report's intervals: "95%" when the report does not say. */
  static String level(Report.BootstrapInfo boot) {
    return boot == null ? "95%" : Format.level(boot.confidence());
  }

  /** Whether higher or lower is better for {@code metric}, from the metric catalogue; null if unknown. */
  static Direction direction(Task task, String metric) {
    if (task == null || metric == null) return null;
    return MetricCatalog.direction(task, metric).orElse(null);
  }

  static Task task(Report.SuiteInfo suite) {
    return suite == null || suite.task() == null ? null : Task.byKey(suite.task()).orElse(null);
  }

  static String name(Report.SuiteInfo suite) {
    return suite == null || suite.name() == null ? "Holdout report" : suite.name();
  }
}
