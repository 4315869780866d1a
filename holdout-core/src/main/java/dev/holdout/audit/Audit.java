package dev.holdout.audit;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.Dictionary;
import dev.holdout.data.IdColumn;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import dev.holdout.verdict.Criterion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Runs the data readiness audit: reads the training file (if any) once, then the evaluation set
 * once, and turns what it saw into findings. Memory grows by about 40 bytes per evaluation row
 * (ids, row hashes, labels) plus, when near-duplicate text is checked, the evaluation texts' shingles (8 bytes a word) and
 * about 150 bytes per evaluation row (nothing per training row: training texts are streamed
 * against an index of the evaluation texts); column statistics are sketches and samples of fixed
 * size (up to 1.6 MB a numeric column for its quartile sample).
 */
public final class Audit {
  /** Examples kept per finding. */
  static final int EXAMPLES = 5;
  /** Jaccard similarity of word shingles from which two texts are near-duplicates. */
  public static final double NEAR_DUPLICATE = 0.9;
  /** A class with fewer rows than this cannot be evaluated (a recall interval would be wider than +-0.18). */
  public static final int RARE_BLOCKER = 10;
  /** A class with fewer rows than this gives wide intervals. */
  public static final int RARE_WARNING = 30;
  /** Majority to minority ratio from which imbalance is a warning. */
  public static final double IMBALANCE = 20;
  /** Share of overlapping rows from which contamination is a blocker (any overlap is a warning). */
  public static final double CONTAMINATION_BLOCKER = 0.01;
  /** Interval half-width slice coverage aims at when no max_gap criterion asks for less. */
  public static final double SLICE_HALF_WIDTH = 0.05;

  private final AuditSettings s;
  private final List<Finding> findings = new ArrayList<>();

  private Audit(AuditSettings settings) {
    this.s = settings;
  }

  /** Audits the files named by {@code settings}; bad files and unknown columns throw {@link HoldoutException}. */
  public static AuditReport run(AuditSettings settings) {
    return new Audit(settings).run();
  }

  private AuditReport run() {
    // the hashes read the files on another thread, into the time the parse leaves a core idle
    java.util.concurrent.CompletableFuture<String> dataHash = RecordReaders.sha256Async(s.data());
    java.util.concurrent.CompletableFuture<String> trainHash = s.train() == null ? null : RecordReaders.sha256Async(s.train());
    List<String> header;
    int idCol, labelCol, timeCol;
    int[] sliceCols;
    try (RecordReader r = RecordReaders.open(s.data())) {
      header = List.copyOf(r.header());
      idCol = s.id() == null ? -1 : Values.column(r, s.id(), "the id column");
      labelCol = s.label() == null ? -1 : Values.column(r, s.label(), "the label column");
      timeCol = s.time() == null ? -1 : Values.column(r, s.time(), "--time");
      sliceCols = new int[s.slices().size()];
      for (int i = 0; i < sliceCols.length; i++) sliceCols[i] = Values.column(r, s.slices().get(i), "a slice column");
    }
    List<Integer> featureCols = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) if (c != idCol && c != labelCol) featureCols.add(c);
    List<String> textCols = s.train() == null ? List.of() : textColumns(header, featureCols);

    TrainIndex train = s.train() == null ? null : TrainIndex.read(s.train(), s.data(), header, s.id(), s.label(), textCols);
    EvalPass pass = new EvalPass(header, idCol, labelCol, timeCol, sliceCols, featureCols, train);
    pass.read(s.data());

    List<ColumnProfile> profiles = pass.profiles.stream().map(ColumnProfiler::profile).toList();
    profileFindings(profiles, idCol, labelCol);
    AuditReport.Ids ids = idCol < 0 ? null : idFindings(pass);
    String task = null;
    String positive = null;
    AuditReport.Labels labels = null;
    if (labelCol >= 0) {
      ColumnProfile lp = profiles.get(labelCol);
      Task t = s.task() != null ? s.task() : inferTask(lp);
      task = t.key();
      positive = t == Task.BINARY_CLASSIFICATION ? positiveLabel(pass.labels.values()) : null;
      labels = labelFindings(pass, lp, t);
      leakageFindings(pass, profiles, t, positive, header, labelCol);
    }
    AuditReport.Consistency consistency = labelCol < 0 ? null : consistencyFindings(pass, header, featureCols);
    AuditReport.Contamination contamination = null;
    List<Shift.ColumnShift> shift = null;
    if (train != null) {
      contamination = contaminationFindings(pass, train);
      shift = shiftFindings(pass, train, profiles, header);
      schemaFindings(header, train, profiles);
    }
    List<AuditReport.SliceGroup> slices = sliceCols.length == 0 ? null : sliceFindings(pass, positive);
    TimeCoverage.Result time = timeCol < 0 ? null : timeFindings(pass.time.result());
    if (timeCol >= 0) afterTimeFindings(pass, header, featureCols.indexOf(timeCol));

    findings.sort((a, b) -> a.severity().compareTo(b.severity()));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity sev : Severity.values()) counts.put(sev.name().toLowerCase(Locale.ROOT), (int) findings.stream().filter(f -> f.severity() == sev).count());
    String verdict = counts.get("blocker") > 0 ? "NOT_READY" : "READY";
    AuditReport.Source data = new AuditReport.Source(s.data().toString(), RecordReaders.await(dataHash), pass.rows, header);
    AuditReport.Source trainSource = train == null ? null
        : new AuditReport.Source(s.train().toString(), RecordReaders.await(trainHash), train.rows, train.header);
    AuditReport.Roles roles = new AuditReport.Roles(s.id(), s.label(), task, positive, s.slices(), s.time());
    return new AuditReport(AuditReport.SCHEMA, data, trainSource, roles, profiles, ids, labels, consistency, contamination,
        shift, slices, time, List.copyOf(findings), counts, verdict);
  }

  /**
   * The feature columns that are free text by the profile's rule (mostly not numbers, and the others
   * {@link ColumnProfiler#TEXT_WORDS} words or more on average), counted over the whole evaluation
   * set, so a column whose long texts start late is still found. Read ahead of the training file,
   * whose texts are compared with these columns; only needed with one.
   */
  private List<String> textColumns(List<String> header, List<Integer> featureCols) {
    long[] numbers = new long[header.size()];
    long[] others = new long[header.size()];
    long[] words = new long[header.size()];
    try (RecordReader r = RecordReaders.open(s.data())) {
      while (r.next()) {
        for (int c : featureCols) {
          CharSequence t = r.text(c);
          if (ColumnProfiler.isMissing(t)) continue;
          if (Double.isFinite(ColumnProfiler.parse(t))) {
            numbers[c]++;
          } else {
            others[c]++;
            words[c] += ColumnProfiler.words(t);
          }
        }
      }
    }
    List<String> text = new ArrayList<>();
    for (int c : featureCols) if (others[c] > numbers[c] && words[c] >= ColumnProfiler.TEXT_WORDS * others[c]) text.add(header.get(c));
    return text;
  }

  private void add(Severity sev, String check, String column, String message, List<String> examples, String action) {
    findings.add(new Finding(sev, check, column, message, examples, action));
  }

  private static String pct(double share) {
    return Format.percent(share);
  }

  private void profileFindings(List<ColumnProfile> profiles, int idCol, int labelCol) {
    for (int c = 0; c < profiles.size(); c++) {
      ColumnProfile p = profiles.get(c);
      if (p.type() == ColumnType.EMPTY) {
        add(Severity.WARNING, "profile.empty", p.name(), "column '" + p.name() + "' has no values in " + p.rows() + " rows", List.of(),
            "drop the column or fill it; an empty column tells a model nothing");
        continue;
      }
      if (c == idCol || c == labelCol) continue;
      if (p.constant()) {
        add(Severity.WARNING, "profile.constant", p.name(), "column '" + p.name() + "' holds one value only ('" + p.topCategories().get(0).value() + "')",
            List.of(), "drop it from the inputs, or check the export: a real feature varies");
      } else if (p.nearConstant()) {
        ColumnProfile.Category top = p.topCategories().get(0);
        add(Severity.INFO, "profile.near_constant", p.name(), "column '" + p.name() + "' is '" + top.value() + "' in " + pct(top.share())
            + " of rows", List.of(), "check the rare values are real; such a column carries little signal");
      }
      if (p.mixedTypes()) {
        long minority = Math.min(p.nonNumeric(), p.rows() - p.missing() - p.nonNumeric());
        add(Severity.WARNING, "profile.mixed_types", p.name(), "column '" + p.name() + "' mixes numbers and text: " + minority
            + " of " + (p.rows() - p.missing()) + " values are the odd kind, first '" + p.firstMinorityValue() + "' at " + p.firstMinorityPosition(),
            List.of(p.firstMinorityValue() + " (" + p.firstMinorityPosition() + ")"), "fix or blank the odd values so the column has one type");
      }
      if (p.missingShare() >= 0.5) {
        add(Severity.WARNING, "profile.missing", p.name(), "column '" + p.name() + "' is missing in " + pct(p.missingShare()) + " of rows",
            List.of(), "find out why; if missingness depends on the outcome it leaks it");
      } else if (p.missingShare() >= 0.05) {
        add(Severity.INFO, "profile.missing", p.name(), "column '" + p.name() + "' is missing in " + pct(p.missingShare()) + " of rows",
            List.of(), "check that vendors will see the same missingness in production");
      }
    }
  }

  private AuditReport.Ids idFindings(EvalPass p) {
    if (p.idMissing > 0) {
      add(Severity.BLOCKER, "ids.missing", s.id(), p.idMissing + " rows have no id (" + pct(p.idMissing / (double) p.rows) + ")",
          p.idMissingExamples, "give every row an id: predictions are joined to labels by id");
    }
    if (p.idDuplicateRows > 0) {
      add(Severity.BLOCKER, "ids.duplicated", s.id(), p.idDuplicateRows + " rows repeat an id seen earlier (" + pct(p.idDuplicateRows / (double) p.rows) + ")",
          p.idDuplicateExamples, "make ids unique: a repeated id makes the join to predictions ambiguous");
    }
    return new AuditReport.Ids(p.idMissing, p.idDuplicateRows, p.idTable.size());
  }

  static Task inferTask(ColumnProfile label) {
    if (label.type() == ColumnType.NUMERIC && label.distinct() > 20) return Task.REGRESSION;
    return label.distinct() <= 2 ? Task.BINARY_CLASSIFICATION : Task.MULTICLASS_CLASSIFICATION;
  }

  private String positiveLabel(List<String> seen) {
    if (s.positive() != null) return s.positive();
    for (String p : List.of("1", "true", "yes", "True", "TRUE", "Yes", "YES", "positive", "pos")) if (seen.contains(p)) return p;
    return seen.isEmpty() ? null : new TreeSet<>(seen).last();
  }

  private AuditReport.Labels labelFindings(EvalPass p, ColumnProfile lp, Task task) {
    if (p.labelMissing > 0) {
      add(Severity.BLOCKER, "labels.missing", s.label(), p.labelMissing + " rows have no label (" + pct(p.labelMissing / (double) p.rows) + ")",
          p.labelMissingExamples, "link these rows to their outcomes or remove them; holdout evaluate refuses rows without a label");
    }
    if (task == Task.REGRESSION) {
      if (lp.nonNumeric() > 0) {
        add(Severity.BLOCKER, "labels.not_numbers", s.label(), lp.nonNumeric() + " labels are not numbers, first '" + lp.firstMinorityValue() + "' at " + lp.firstMinorityPosition(),
            List.of(), "fix the labels: a regression label must be a number");
      }
      return new AuditReport.Labels(p.labelMissing, List.of(), null, List.of());
    }
    List<String> values = p.labels.values();
    long[] counts = new long[values.size()];
    for (int i = 0; i < p.rows; i++) if (p.labelCode[i] >= 0) counts[p.labelCode[i]]++;
    long present = p.rows - p.labelMissing;
    List<ColumnProfile.Category> classes = new ArrayList<>();
    for (int c = 0; c < values.size(); c++) classes.add(new ColumnProfile.Category(values.get(c), counts[c], counts[c] / (double) Math.max(1, present)));
    classes.sort((a, b) -> Long.compare(b.count(), a.count()));
    Double ratio = null;
    List<String> rare = new ArrayList<>();
    if (!classes.isEmpty()) {
      ratio = classes.get(0).count() / (double) classes.get(classes.size() - 1).count();
      if (classes.size() == 1) {
        add(Severity.BLOCKER, "labels.one_class", s.label(), "every labeled row has the label '" + classes.get(0).value() + "'", List.of(),
            "add rows of the other classes: with one class, roc_auc, precision and recall are undefined");
      }
      if (task == Task.BINARY_CLASSIFICATION && classes.size() > 2) {
        add(Severity.BLOCKER, "labels.not_binary", s.label(), "a binary task needs two label values, found " + classes.size() + ": "
            + Values.sample(classes.stream().limit(EXAMPLES).map(ColumnProfile.Category::value).toList(), classes.size()), List.of(),
            "fix the labels or use task multiclass_classification");
      }
      for (ColumnProfile.Category c : classes) {
        if (c.count() < RARE_BLOCKER) {
          rare.add(c.value());
          add(Severity.BLOCKER, "labels.rare_class", s.label(), "class '" + c.value() + "' has " + c.count() + " rows, fewer than " + RARE_BLOCKER,
              List.of(), "collect more rows of this class or merge it; no metric of it can be judged");
        } else if (c.count() < RARE_WARNING) {
          rare.add(c.value());
          add(Severity.WARNING, "labels.rare_class", s.label(), "class '" + c.value() + "' has " + c.count() + " rows, fewer than " + RARE_WARNING,
              List.of(), "collect more rows of this class: its recall interval will be wider than +-0.18");
        }
      }
      if (classes.size() > 1 && ratio >= IMBALANCE) {
        add(Severity.WARNING, "labels.imbalance", s.label(), "the largest class is " + Format.number(ratio) + " times the smallest", List.of(),
            "prefer average_precision, recall and balanced_accuracy to accuracy in the suite");
      }
      add(Severity.INFO, "labels.distribution", s.label(), "label distribution: " + String.join(", ",
          classes.stream().limit(10).map(c -> c.value() + " " + c.count() + " (" + pct(c.share()) + ")").toList()), List.of(), "none");
    }
    return new AuditReport.Labels(p.labelMissing, classes, ratio, rare);
  }

  /** Whether most present values among the first {@code rows} sampled rows of feature {@code k} are dates. */
  private static boolean mostlyDates(EvalPass p, int k, int rows) {
    int present = 0;
    int dated = 0;
    for (int i = 0; i < rows; i++) {
      String v = p.sampleValue(i, k);
      if (v == null) continue;
      present++;
      if (TimeCoverage.epochDay(v.strip()) != Long.MIN_VALUE) dated++;
    }
    return present > 0 && dated * 2 >= present;
  }

  /** Share of a date column's rows dated after the time column above which it is a leak suspect. */
  static final double AFTER_TIME_SHARE = 0.01;

  private void leakageFindings(EvalPass p, List<ColumnProfile> profiles, Task task, String positive, List<String> header, int labelCol) {
    int n = p.sampleSize;
    int[] label = Arrays.copyOf(p.sampleLabel, n);
    boolean[] pos = new boolean[n];
    int posCode = positive == null ? -1 : p.labels.values().indexOf(positive);
    double[] labelNum = new double[n];
    for (int i = 0; i < n; i++) {
      pos[i] = label[i] == posCode;
      labelNum[i] = label[i] < 0 ? Double.NaN : ColumnProfiler.parse(p.labels.values().get(label[i]));
    }
    long labeled = 0;
    for (int i = 0; i < n; i++) if (label[i] >= 0) labeled++;
    long labeledRows = labeled;
    // columns are independent, so they are checked on every core; their findings are added in column order
    List<List<Finding>> found = java.util.stream.IntStream.range(0, p.featureCols.length).parallel()
        .mapToObj(k -> columnLeakage(p, k, profiles.get(p.featureCols[k]), header.get(p.featureCols[k]), task, posCode, label, pos, labelNum, labeledRows))
        .toList();
    for (List<Finding> f : found) findings.addAll(f);
  }

  /** The leakage findings of feature {@code k} over the sample. */
  private List<Finding> columnLeakage(EvalPass p, int k, ColumnProfile prof, String name, Task task, int posCode, int[] label, boolean[] pos,
      double[] labelNum, long labeled) {
    int n = p.sampleSize;
    List<Finding> out = new ArrayList<>();
    // The labeled rows' values are dictionary-coded, so each distinct value is hashed and parsed once.
    // Once the labeled rows hold more than a tenth as many values as rows the column's mapping purity
    // is NaN (see Leakage.mappingPurity), so its coding stops and the rest is parsed row by row.
    // Unlabeled rows take part in no statistic; their values are parsed as they come.
    Dictionary dict = new Dictionary();
    int[] code = new int[n];
    double[] x = new double[n];
    int codedUpTo = n;
    boolean coded = true;
    String[] values = p.sampleColumn(k);
    for (int i = 0; i < n; i++) {
      String v = values[i];
      if (label[i] < 0 || !coded) {
        x[i] = v == null ? Double.NaN : ColumnProfiler.parse(v);
        continue;
      }
      code[i] = v == null ? -1 : dict.code(v);
      if (dict.size() * 10L > labeled) {
        coded = false;
        codedUpTo = i + 1;
      }
    }
    List<String> distinct = dict.values();
    double[] parsed = new double[distinct.size()];
    for (int d = 0; d < parsed.length; d++) parsed[d] = ColumnProfiler.parse(distinct.get(d));
    for (int i = 0; i < codedUpTo; i++) if (label[i] >= 0) x[i] = code[i] < 0 ? Double.NaN : parsed[code[i]];
    boolean flagged = false;
    if (prof.type() == ColumnType.NUMERIC || prof.type() == ColumnType.BOOLEAN) {
      if (task == Task.BINARY_CLASSIFICATION && posCode >= 0) {
        int m = 0;
        double[] xs = new double[n];
        boolean[] ys = new boolean[n];
        for (int i = 0; i < n; i++) if (label[i] >= 0) { xs[m] = x[i]; ys[m++] = pos[i]; }
        double auc = Leakage.rocAuc(xs, ys, m);
        if (!Double.isNaN(auc) && Math.max(auc, 1 - auc) >= Leakage.THRESHOLD) {
          flagged = true;
          out.add(new Finding(Severity.BLOCKER, "leakage.separates", name, "column '" + name + "' alone separates the label: roc_auc "
              + Format.number(auc) + (auc < 0.5 ? " (reversed: " + Format.number(1 - auc) + ")" : "") + " on " + m + " rows",
              List.of(), "find out how it is recorded; if it is known only after the outcome, remove it from the inputs vendors see"));
        }
      } else if (task == Task.REGRESSION) {
        double r = Leakage.correlation(x, labelNum, n);
        if (!Double.isNaN(r) && Math.abs(r) >= Leakage.THRESHOLD) {
          flagged = true;
          out.add(new Finding(Severity.BLOCKER, "leakage.correlated", name, "column '" + name + "' has correlation " + Format.number(r) + " with the label",
              List.of(), "find out how it is recorded; if it is derived from the outcome, remove it from the inputs vendors see"));
        }
      }
    }
    if (!flagged && !coded && task == Task.BINARY_CLASSIFICATION && posCode >= 0
        && prof.type() != ColumnType.NUMERIC && prof.type() != ColumnType.BOOLEAN) {
      double auc = Leakage.outOfFoldAuc(values, label, pos, n);
      if (!Double.isNaN(auc) && auc >= Leakage.THRESHOLD) {
        flagged = true;
        out.add(new Finding(Severity.BLOCKER, "leakage.category_separates", name, "column '" + name + "' separates the label through its values: "
            + "each value's positive rate, learnt on half the rows, scores the other half at roc_auc " + Format.number(auc),
            List.of(), "find out how it is recorded; if its values are set after the outcome, remove it from the inputs vendors see"));
      }
    }
    if (!flagged && task != Task.REGRESSION) {
      // missing is a value here: a field filled only after the outcome leaks through its absence
      double purity = Double.NaN;
      if (coded) {
        int missingCode = distinct.size();
        for (int i = 0; i < n; i++) if (code[i] < 0) code[i] = missingCode;
        purity = Leakage.mappingPurity(code, missingCode + 1, label, n, p.labels.size());
      }
      if (!Double.isNaN(purity) && purity >= Leakage.THRESHOLD) {
        out.add(new Finding(Severity.BLOCKER, "leakage.mapping", name, "column '" + name + "' names the label: each of its values goes with one label in "
            + pct(purity) + " of rows", List.of(), "remove it from the inputs vendors see, or explain why it is known before the outcome"));
      }
    }
    if (Leakage.namedLike(name, s.label())) {
      out.add(new Finding(Severity.WARNING, "leakage.named_like_label", name, "column '" + name + "' is named like the label '" + s.label() + "'", List.of(),
          "check it is not the outcome under another name, or derived from it"));
    }
    return out;
  }

  /**
   * Date columns whose values fall after the row's time (the moment of prediction) were recorded
   * after it: a closing date, a refund date. A model fed them reads the outcome.
   */
  private void afterTimeFindings(EvalPass p, List<String> header, int timeK) {
    int n = p.sampleSize;
    long[] at = new long[n];
    String[] times = p.sampleColumn(timeK);
    for (int i = 0; i < n; i++) at[i] = times[i] == null ? Long.MIN_VALUE : TimeCoverage.epochDay(times[i].strip());
    for (int k = 0; k < p.featureCols.length; k++) {
      if (k == timeK || !mostlyDates(p, k, Math.min(n, 1000))) continue;
      long dated = 0;
      long after = 0;
      List<String> examples = new ArrayList<>();
      String[] values = p.sampleColumn(k);
      for (int i = 0; i < n; i++) {
        String v = values[i];
        if (v == null || at[i] == Long.MIN_VALUE) continue;
        long day = TimeCoverage.epochDay(v.strip());
        if (day == Long.MIN_VALUE) continue;
        dated++;
        if (day > at[i]) {
          after++;
          if (examples.size() < EXAMPLES) examples.add(v.strip() + " after " + times[i].strip());
        }
      }
      String name = header.get(p.featureCols[k]);
      // A column is dated when most of its present sampled values are dates.
      long present = 0;
      for (int i = 0; i < n; i++) if (values[i] != null) present++;
      if (dated * 2 < present || after == 0) continue;
      double share = after / (double) dated;
      if (share >= AFTER_TIME_SHARE) {
        add(Severity.BLOCKER, "leakage.after_time", name, "column '" + name + "' holds dates after '" + s.time() + "' in " + pct(share) + " of its "
            + dated + " dated rows: recorded after the moment of prediction", examples,
            "remove it from the inputs vendors see, or keep only values known at '" + s.time() + "'");
      }
    }
  }

  private AuditReport.Consistency consistencyFindings(EvalPass p, List<String> header, List<Integer> featureCols) {
    long conflicting = p.conflictingRows();
    List<String> names = featureCols.stream().map(header::get).toList();
    if (conflicting > 0) {
      add(Severity.WARNING, "consistency.conflicting_labels", null, conflicting + " rows (" + pct(conflicting / (double) p.rows)
          + ") share every feature value with a row of a different label", p.conflictExamples,
          "check the labelling; if both labels are right, the features cannot tell these rows apart and no model can score them all");
    }
    if (p.duplicateFeatureRows > 0) {
      double share = p.duplicateFeatureRows / (double) p.rows;
      add(share >= 0.01 ? Severity.WARNING : Severity.INFO, "consistency.duplicate_rows", null, p.duplicateFeatureRows + " rows (" + pct(share)
          + ") repeat the feature values of an earlier row", p.duplicateExamples,
          "remove true duplicates: they count the same case twice and narrow the intervals falsely");
    }
    return new AuditReport.Consistency(names, p.duplicateFeatureRows, conflicting, conflicting / (double) Math.max(1, p.rows));
  }

  private AuditReport.Contamination contaminationFindings(EvalPass p, TrainIndex t) {
    double share = p.overlapAny / (double) Math.max(1, p.rows);
    Severity sev = share >= CONTAMINATION_BLOCKER ? Severity.BLOCKER : Severity.WARNING;
    if (p.overlapId > 0) {
      add(sev, "contamination.same_id", s.id(), p.overlapId + " evaluation rows (" + pct(p.overlapId / (double) p.rows) + ") have an id found in "
          + s.train().getFileName(), p.overlapIdExamples, "remove them from the evaluation set, or ask the vendor to retrain without them");
    }
    if (p.overlapFeatures > 0) {
      add(sev, "contamination.same_features", null, p.overlapFeatures + " evaluation rows (" + pct(p.overlapFeatures / (double) p.rows)
          + ") have exactly the feature values of a training row (columns " + t.featureNames + ")", p.overlapFeatureExamples,
          "remove them from the evaluation set; if the features have few values, check whether the matches are chance");
    }
    if (p.overlapText > 0) {
      add(sev, "contamination.near_duplicate_text", null, p.overlapText + " evaluation rows (" + pct(p.overlapText / (double) p.rows)
          + ") have a text with Jaccard similarity >= " + NEAR_DUPLICATE + " to the same column of a training row (columns " + t.textNames + ")",
          p.overlapTextExamples,
          "remove them from the evaluation set: a model that saw near copies is scored on memory, not skill");
    }
    return new AuditReport.Contamination(p.overlapId, p.overlapFeatures, p.overlapText, p.overlapAny, share, t.featureNames, t.textNames);
  }

  private List<Shift.ColumnShift> shiftFindings(EvalPass p, TrainIndex t, List<ColumnProfile> profiles, List<String> header) {
    List<Shift.ColumnShift> out = new ArrayList<>();
    for (int k = 0; k < t.common.length; k++) {
      int c = t.evalCol[k];
      ColumnProfile ep = profiles.get(c);
      ColumnProfiler tp = t.profilers[k];
      Shift.ColumnShift sh = null;
      if (header.get(c).equals(s.id())) continue;
      if (ep.type() == ColumnType.NUMERIC) {
        sh = Shift.numeric(header.get(c), tp.quantiles(), p.profiles.get(c).quantiles());
        if (sh != null && sh.psi() >= Shift.PSI_INFO) {
          add(sh.psi() >= Shift.PSI_WARNING ? Severity.WARNING : Severity.INFO, "shift.numeric", header.get(c), "column '" + header.get(c)
              + "' is distributed differently in training and evaluation: PSI " + Format.number(sh.psi()) + ", KS " + Format.number(sh.ks()),
              List.of(), "check both sets come from the population the model will serve");
        }
      } else if (ep.type() == ColumnType.CATEGORICAL || ep.type() == ColumnType.BOOLEAN) {
        long[] ec = p.profiles.get(c).exactCounts();
        long[] tc = tp.exactCounts();
        if (ec != null && tc != null) {
          sh = Shift.categorical(header.get(c), tp.exactValues(), tc, p.profiles.get(c).exactValues(), ec);
          if (sh != null && sh.totalVariation() >= Shift.TVD_INFO) {
            add(sh.totalVariation() >= Shift.TVD_WARNING ? Severity.WARNING : Severity.INFO, "shift.categorical", header.get(c), "column '"
                + header.get(c) + "' has different category shares in training and evaluation: total variation " + Format.number(sh.totalVariation()),
                List.of(), "check both sets come from the population the model will serve");
          }
        }
      }
      if (sh != null) out.add(sh);
    }
    return out;
  }

  private void schemaFindings(List<String> header, TrainIndex t, List<ColumnProfile> profiles) {
    List<String> onlyEval = header.stream().filter(h -> !t.header.contains(h) && !h.equals(s.label())).toList();
    List<String> onlyTrain = t.header.stream().filter(h -> !header.contains(h)).toList();
    if (!onlyEval.isEmpty()) {
      add(Severity.WARNING, "schema.missing_in_train", null, "columns in the evaluation set but not in the training file: " + onlyEval, List.of(),
          "agree the input columns with the vendor; a model cannot use a column it never saw");
    }
    if (!onlyTrain.isEmpty()) {
      add(Severity.INFO, "schema.missing_in_eval", null, "columns in the training file but not in the evaluation set: " + onlyTrain, List.of(),
          "check the model does not need them");
    }
    for (int k = 0; k < t.common.length; k++) {
      ColumnType et = profiles.get(t.evalCol[k]).type();
      ColumnType tt = t.profilers[k].profile().type();
      if (et != tt && et != ColumnType.EMPTY && tt != ColumnType.EMPTY) {
        add(Severity.WARNING, "schema.type_differs", t.common[k], "column '" + t.common[k] + "' is " + tt.name().toLowerCase(Locale.ROOT)
            + " in the training file but " + et.name().toLowerCase(Locale.ROOT) + " in the evaluation set", List.of(), "make the two exports agree");
      }
    }
  }

  private List<AuditReport.SliceGroup> sliceFindings(EvalPass p, String positive) {
    double z = dev.holdout.stats.Probability.normalQuantile(1 - (1 - s.confidence()) / 2);
    List<AuditReport.SliceGroup> out = new ArrayList<>();
    int posCode = positive == null ? -1 : p.labels.values().indexOf(positive);
    for (int k = 0; k < s.slices().size(); k++) {
      String slice = s.slices().get(k);
      double w = SLICE_HALF_WIDTH;
      String metric = null;
      for (Criterion c : s.criteria()) {
        if (!slice.equals(c.slice())) continue;
        if (c.kind() == Criterion.Kind.MAX_GAP) w = Math.min(w, c.threshold() / 2);
        if (metric == null) metric = c.metric();
      }
      long needed = (long) Math.ceil(z * z * 0.25 / (w * w));
      boolean positives = posCode >= 0 && ("recall".equals(metric));
      boolean negatives = posCode >= 0 && ("specificity".equals(metric));
      Dictionary groups = p.sliceGroups[k];
      List<String> small = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        long rows = 0, counted = 0;
        for (int l = -1; l < p.labels.size(); l++) {
          long c = p.sliceCounts[k].count(sliceKey(g, l));
          rows += c;
          if (positives ? l == posCode : negatives ? l >= 0 && l != posCode : true) counted += c;
        }
        boolean tooSmall = counted < needed;
        out.add(new AuditReport.SliceGroup(slice, groups.values().get(g), rows, counted, needed, tooSmall));
        if (tooSmall) small.add(groups.values().get(g) + " (" + counted + ")");
      }
      if (!small.isEmpty()) {
        add(Severity.WARNING, "slices.too_small", slice, small.size() + " of " + groups.size() + " '" + slice + "' groups have fewer than " + needed
            + (positives ? " positive" : negatives ? " negative" : "") + " rows, needed for a " + Format.plain(s.confidence() * 100) + "% interval of half-width "
            + Format.plain(w) + ": " + Values.sample(small.stream().limit(EXAMPLES).toList(), small.size()), small.stream().limit(EXAMPLES).toList(),
            "collect more rows for these groups, merge them, or expect INCONCLUSIVE slice criteria");
      }
    }
    return out;
  }

  static long sliceKey(int group, int labelCode) {
    return ((long) (group + 1) << 32) | (labelCode + 1L);
  }

  private TimeCoverage.Result timeFindings(TimeCoverage.Result t) {
    if (t.unreadable() > 0) {
      add(Severity.WARNING, "time.unreadable", s.time(), t.unreadable() + " values are not dates (yyyy-MM-dd), first " + t.firstUnreadable(), List.of(),
          "write dates as yyyy-MM-dd");
    }
    if (!t.gaps().isEmpty()) {
      add(Severity.WARNING, "time.gaps", s.time(), t.gaps().size() + " " + t.unit() + "s between " + t.first() + " and " + t.last() + " have no rows: "
          + Values.sample(t.gaps().stream().limit(EXAMPLES).toList(), t.gaps().size()), t.gaps().stream().limit(EXAMPLES).toList(),
          "find out whether data is missing for these periods; the evaluation says nothing about them");
    }
    if (!t.bursts().isEmpty()) {
      add(Severity.INFO, "time.bursts", s.time(), t.bursts().size() + " " + t.unit() + "s hold more than " + Format.plain(TimeCoverage.BURST)
          + " times the median rows: " + String.join(", ", t.bursts().stream().limit(EXAMPLES).map(b -> b.start() + " (" + b.rows() + ")").toList()),
          List.of(), "check for a backfill or a duplicated load; bursts weigh those periods heavily");
    }
    return t;
  }

  /** The training file, read once: profiles of the shared columns, id and row hashes, and a text index. */
  static final class TrainIndex {
    List<String> header;
    long rows;
    String[] common;
    int[] evalCol;
    int[] trainCol;
    ColumnProfiler[] profilers;
    List<String> featureNames;
    List<String> textNames;
    int[] featureTrainCols;
    int[] textTrainCols;
    int[] featureEvalCols;
    int[] textEvalCols;
    LongIntTable idHashes;
    LongIntTable featureHashes;
    /** One index per shared text column: texts are compared column by column. */
    LshIndex[] text;
    IdColumn ids;
    int[] lines = new int[1024];
    RecordReader reader;

    static TrainIndex read(java.nio.file.Path file, java.nio.file.Path evalFile, List<String> evalHeader, String id, String label, List<String> textCols) {
      TrainIndex t = new TrainIndex();
      try (RecordReader r = RecordReaders.open(file)) {
        t.reader = r;
        t.header = List.copyOf(r.header());
        List<String> common = evalHeader.stream().filter(h -> t.header.contains(h) && !h.equals(label)).toList();
        t.common = common.toArray(String[]::new);
        t.evalCol = common.stream().mapToInt(evalHeader::indexOf).toArray();
        t.trainCol = common.stream().mapToInt(t.header::indexOf).toArray();
        t.profilers = common.stream().map(h -> new ColumnProfiler(h, true)).toArray(ColumnProfiler[]::new);
        t.featureNames = common.stream().filter(h -> !h.equals(id)).sorted().toList();
        t.textNames = t.featureNames.stream().filter(textCols::contains).toList();
        t.featureTrainCols = t.featureNames.stream().mapToInt(t.header::indexOf).toArray();
        t.featureEvalCols = t.featureNames.stream().mapToInt(evalHeader::indexOf).toArray();
        t.textTrainCols = t.textNames.stream().mapToInt(t.header::indexOf).toArray();
        t.textEvalCols = t.textNames.stream().mapToInt(evalHeader::indexOf).toArray();
        int idCol = id != null && t.header.contains(id) ? t.header.indexOf(id) : -1;
        t.idHashes = new LongIntTable(1 << 16);
        t.featureHashes = new LongIntTable(1 << 16);
        t.text = t.textNames.isEmpty() ? null : evalText(evalFile, t.textEvalCols);
        t.ids = new IdColumn();
        ProfileWorkers workers = new ProfileWorkers(r, t.trainCol, t.profilers, profileThreads());
        try {
          t.readRows(r, workers, idCol);
        } catch (RuntimeException e) {
          workers.abandon();
          throw e;
        }
        workers.finish();
        t.reader = null;
      }
      return t;
    }

    /**
     * The evaluation set's texts, one index per shared text column, read ahead of the training
     * file: the training texts are streamed against these small indexes rather than indexed themselves.
     */
    private static LshIndex[] evalText(java.nio.file.Path evalFile, int[] cols) {
      LshIndex[] index = new LshIndex[cols.length];
      for (int i = 0; i < cols.length; i++) index[i] = new LshIndex(1 << 12);
      MinHash.Shingler sh = new MinHash.Shingler();
      try (RecordReader r = RecordReaders.open(evalFile)) {
        while (r.next()) {
          for (int i = 0; i < cols.length; i++) {
            sh.reset();
            sh.add(r.text(cols[i]));
            index[i].add(sh.finish());
          }
        }
      }
      return index;
    }

    private void readRows(RecordReader r, ProfileWorkers workers, int idCol) {
        TrainIndex t = this;
        MinHash.Shingler sh = new MinHash.Shingler();
        int row = 0;
        while (r.next()) {
          workers.add(r);
          CharSequence idText = idCol < 0 ? null : r.text(idCol);
          if (idText != null) t.idHashes.add(Hashing.id(idText), row);
          t.ids.add(idText == null ? "" : idText);
          if (t.featureTrainCols.length > 0) t.featureHashes.add(featureHash(r, t.featureTrainCols), row);
          if (t.text != null) {
            for (int i = 0; i < t.textTrainCols.length; i++) {
              sh.reset();
              sh.add(r.text(t.textTrainCols[i]));
              t.text[i].offer(sh.sorted(), sh.count(), row, NEAR_DUPLICATE);
            }
          }
          if (row == t.lines.length) t.lines = Arrays.copyOf(t.lines, row * 2);
          t.lines[row] = (int) r.positionNumber();
          row++;
        }
        t.rows = row;
    }
  }

  /** Threads that profile columns while the reading thread does the row-level checks. */
  static int profileThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  static long featureHash(RecordReader r, int[] cols) {
    long h = Hashing.SEED;
    for (int c : cols) {
      CharSequence v = r.text(c);
      h = Hashing.row(h, ColumnProfiler.isMissing(v) ? null : v);
    }
    return Hashing.mix(h);
  }

  /** The one pass over the evaluation set. */
  final class EvalPass {
    final List<String> header;
    final int idCol, labelCol, timeCol;
    final int[] sliceCols;
    final int[] featureCols;
    final TrainIndex train;
    final List<ColumnProfiler> profiles = new ArrayList<>();
    final Dictionary labels = new Dictionary();
    final Dictionary[] sliceGroups;
    final LongIntTable[] sliceCounts;
    final TimeCoverage time = new TimeCoverage();
    LongIntTable idTable = new LongIntTable(1 << 16);
    LongIntTable rowTable = new LongIntTable(1 << 16);
    final LongIntTable conflicted = new LongIntTable(1 << 8);
    final IdColumn ids = new IdColumn();
    int[] lines = new int[1024];
    int[] labelCode = new int[1024];
    long rows, idMissing, idDuplicateRows, labelMissing, duplicateFeatureRows;
    long overlapId, overlapFeatures, overlapText, overlapAny;
    final List<String> idMissingExamples = new ArrayList<>(), idDuplicateExamples = new ArrayList<>(), labelMissingExamples = new ArrayList<>();
    final List<String> conflictExamples = new ArrayList<>(), duplicateExamples = new ArrayList<>();
    final List<String> overlapIdExamples = new ArrayList<>(), overlapFeatureExamples = new ArrayList<>(), overlapTextExamples = new ArrayList<>();
    /**
     * The leakage sample, one row a slot: the feature values' characters in one array, and their
     * offsets and lengths (-1 when missing) in another, rather than a String each, so the ~10^6 rows
     * that pass through the sample in a large file leave little for the collector.
     */
    char[][] sampleChars = new char[Leakage.SAMPLE][];
    int[][] sampleCuts = new int[Leakage.SAMPLE][];
    int[] sampleLabel = new int[Leakage.SAMPLE];
    int sampleSize;
    static final int PENDING = 64;
    /** Rows whose id and feature checks are done: the workers' hashes arrive a batch behind the reading. */
    int checked;
    /** Where {@link #checkRows} leaves the slots it loads, so the loads are not optimised away. */
    long sink;

    EvalPass(List<String> header, int idCol, int labelCol, int timeCol, int[] sliceCols, List<Integer> featureCols, TrainIndex train) {
      this.header = header;
      this.idCol = idCol;
      this.labelCol = labelCol;
      this.timeCol = timeCol;
      this.sliceCols = sliceCols;
      this.featureCols = featureCols.stream().mapToInt(Integer::intValue).toArray();
      this.train = train;
      // quantile sketches only to compare numeric distributions with the training file
      for (String h : header) profiles.add(new ColumnProfiler(h, train != null));
      sliceGroups = new Dictionary[sliceCols.length];
      sliceCounts = new LongIntTable[sliceCols.length];
      for (int k = 0; k < sliceCols.length; k++) {
        sliceGroups[k] = new Dictionary();
        sliceCounts[k] = new LongIntTable(64);
      }
    }

    private String at(RecordReader r) {
      return idCol >= 0 && r.text(idCol) != null ? "id '" + r.text(idCol) + "' (" + r.position() + ")" : r.position();
    }

    private String atRow(RecordReader r, int row) {
      String id = ids.get(row);
      return id.isEmpty() ? r.positionOf(lines[row]) : "id '" + id + "' (" + r.positionOf(lines[row]) + ")";
    }

    void read(java.nio.file.Path file) {
      presize(file);
      SplittableRandom random = new SplittableRandom(7);
      try (RecordReader r = RecordReaders.open(file)) {
        int[] all = new int[header.size()];
        for (int c = 0; c < all.length; c++) all[c] = c;
        TimeCoverage[] times = new TimeCoverage[all.length];
        if (timeCol >= 0) times[timeCol] = time;
        ProfileWorkers workers = new ProfileWorkers(r, all, profiles.toArray(ColumnProfiler[]::new), times, profileThreads(), featureCols, idCol,
            (rowHash, idHash, idPresent, count) -> checkRows(r, rowHash, idHash, idPresent, count));
        try {
          readRows(r, workers, random);
        } catch (RuntimeException e) {
          workers.abandon();
          throw e;
        }
        workers.finish();
      }
      if (rows == 0) throw new HoldoutException.BadData(file + ": has a header but no rows; there is nothing to audit");
    }

    /** Rows read from the top of the file to estimate how many it holds. */
    static final int ESTIMATE_ROWS = 1000;

    /**
     * Sizes the per-row arrays and the id and row tables for the rows the file likely holds (its size
     * over the characters a row of its first {@link #ESTIMATE_ROWS} takes), so that on a large file
     * they do not grow by doubling: each doubling copies hundreds of MB and leaves the old array to
     * a full collection. A wrong estimate costs only memory or a later doubling.
     */
    private void presize(java.nio.file.Path file) {
      long chars = 0;
      int n = 0;
      try (RecordReader r = RecordReaders.open(file)) {
        for (; n < ESTIMATE_ROWS && r.next(); n++) {
          chars += r.fieldCount(); // the separators and the line end
          for (int c = 0; c < r.fieldCount(); c++) {
            CharSequence t = r.text(c);
            if (t != null) chars += t.length();
          }
        }
      }
      if (n < ESTIMATE_ROWS) return; // small files need no care
      long size;
      try {
        size = java.nio.file.Files.size(file);
      } catch (java.io.IOException e) {
        return;
      }
      // multi-byte text makes the estimate high: at most about 50 bytes a row, two tables and two arrays, to a quarter of the heap
      long expected = Math.min(Runtime.getRuntime().maxMemory() / 200, size / Math.max(1, chars / n));
      if (expected <= lines.length) return;
      lines = new int[(int) expected];
      labelCode = new int[(int) expected];
      if (idCol >= 0) idTable = LongIntTable.forKeys(expected);
      rowTable = LongIntTable.forKeys(expected);
    }

    private void readRows(RecordReader r, ProfileWorkers workers, SplittableRandom random) {
        int row = 0;
        while (r.next()) {
          if (row == lines.length) {
            lines = Arrays.copyOf(lines, row * 2);
            labelCode = Arrays.copyOf(labelCode, row * 2);
          }
          lines[row] = (int) r.positionNumber();
          int slot = sampleSlot(row, random);
          workers.add(r);
          if (slot >= 0) {
            int[] cuts = new int[2 * featureCols.length];
            sampleChars[slot] = workers.copy(featureCols, cuts);
            sampleCuts[slot] = cuts;
          }
          CharSequence idText = idCol < 0 ? null : r.text(idCol);
          ids.add(idText == null ? "" : idText);
          if (idCol >= 0 && idText == null && idMissing++ < EXAMPLES) idMissingExamples.add(r.position());
          int label = -1;
          if (labelCol >= 0) {
            CharSequence l = r.text(labelCol);
            if (ColumnProfiler.isMissing(l)) {
              if (labelMissing++ < EXAMPLES) labelMissingExamples.add(at(r));
            } else {
              label = labels.code(l);
            }
          }
          labelCode[row] = label;
          if (slot >= 0) sampleLabel[slot] = label;
          for (int k = 0; k < sliceCols.length; k++) {
            CharSequence g = r.text(sliceCols[k]);
            sliceCounts[k].add(sliceKey(sliceGroups[k].code(g == null ? "(missing)" : g), label), row);
          }
          if (train != null) contamination(r, row, idText);
          row++;
        }
        rows = row;
    }

    /**
     * The id and feature-row checks of the next {@code count} rows in file order, from the hashes
     * the profiling workers made. Rows go {@link #PENDING} at a time: their table slots are loaded
     * together first, so the cache misses of the ten-million-key tables overlap rather than stall
     * the reading thread one at a time.
     */
    private void checkRows(RecordReader r, long[] rowHash, long[] idHash, boolean[] idPresent, int count) {
      for (int from = 0; from < count; from += PENDING) {
        int to = Math.min(count, from + PENDING);
        long touched = 0;
        for (int j = from; j < to; j++) {
          if (idCol >= 0 && idPresent[j]) touched += idTable.touch(idHash[j]);
          touched += rowTable.touch(rowHash[j]);
        }
        sink += touched;
        for (int j = from; j < to; j++) {
          int row = checked + j;
          if (idCol >= 0 && idPresent[j]) {
            int first = idTable.add(idHash[j], row);
            if (first != row && idDuplicateRows++ < EXAMPLES) {
              idDuplicateExamples.add("id '" + ids.get(row) + "' at " + r.positionOf(lines[first]) + " and " + r.positionOf(lines[row]));
            }
          }
          long fh = rowHash[j];
          int label = labelCode[row];
          int first = rowTable.add(fh, row);
          if (first != row) {
            if (duplicateFeatureRows++ < EXAMPLES) duplicateExamples.add(atRow(r, row) + " repeats " + atRow(r, first));
            if (labelCol >= 0 && label != labelCode[first] && label >= 0 && labelCode[first] >= 0) {
              if (!conflicted.contains(fh)) {
                conflicted.add(fh, first);
                if (conflictExamples.size() < EXAMPLES) {
                  conflictExamples.add(atRow(r, first) + " is '" + labels.values().get(labelCode[first]) + "', " + atRow(r, row) + " is '" + labels.values().get(label) + "'");
                }
              }
            }
          }
        }
      }
      checked += count;
    }

    private void contamination(RecordReader r, int row, CharSequence idText) {
      boolean any = false;
      if (idText != null) {
        int t = train.idHashes.firstRow(Hashing.id(idText));
        if (t >= 0) {
          any = true;
          if (overlapId++ < EXAMPLES) overlapIdExamples.add(at(r) + " is at " + s.train().getFileName() + " line " + train.lines[t]);
        }
      }
      if (train.featureEvalCols.length > 0) {
        int t = train.featureHashes.firstRow(featureHash(r, train.featureEvalCols));
        if (t >= 0) {
          any = true;
          if (overlapFeatures++ < EXAMPLES) overlapFeatureExamples.add(at(r) + " equals " + s.train().getFileName() + " line " + train.lines[t]);
        }
      }
      if (train.text != null) {
        for (int i = 0; i < train.text.length; i++) {
          LshIndex.Match m = row < train.text[i].size() ? train.text[i].match(row) : null;
          if (m == null) continue;
          any = true;
          if (overlapText++ < EXAMPLES) {
            overlapTextExamples.add(at(r) + " ~ " + s.train().getFileName() + " line " + train.lines[m.item()] + " in '" + train.textNames.get(i)
                + "' (Jaccard " + Format.number(m.jaccard()) + ")");
          }
          break;
        }
      }
      if (any) overlapAny++;
    }

    /**
     * The leakage sample's slot for {@code row}, or -1 when the row is not taken: reservoir sampling
     * (Algorithm R), seeded, so the leakage statistics are reproducible.
     */
    private int sampleSlot(int row, SplittableRandom random) {
      if (row < Leakage.SAMPLE) {
        sampleSize++;
        return row;
      }
      long j = random.nextLong(row + 1L);
      return j >= Leakage.SAMPLE ? -1 : (int) j;
    }

    /** Feature {@code k} of sample slot {@code i}, null when missing. */
    String sampleValue(int i, int k) {
      int len = sampleCuts[i][2 * k + 1];
      return len < 0 ? null : new String(sampleChars[i], sampleCuts[i][2 * k], len);
    }

    /** Feature {@code k} of the whole sample, by slot. */
    String[] sampleColumn(int k) {
      String[] v = new String[sampleSize];
      for (int i = 0; i < sampleSize; i++) v[i] = sampleValue(i, k);
      return v;
    }

    /** Rows in feature groups holding more than one label. */
    long conflictingRows() {
      long[] n = {0};
      conflicted.forEachKey(k -> n[0] += rowTable.count(k));
      return n[0];
    }
  }
}
