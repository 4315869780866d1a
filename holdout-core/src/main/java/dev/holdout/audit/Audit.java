package dev.holdout.audit;

import dev.holdout.base.Progress;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.metric.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the data readiness audit: reads the training file (if any) once ({@link TrainingIndex}),
 * then the evaluation set once ({@link EvaluationPass}), and hands what the pass saw to one check
 * per family of findings: {@link ProfileCheck}, {@link IdCheck}, {@link LabelCheck}, {@link
 * LeakageCheck}, {@link ConsistencyCheck}, {@link ContaminationCheck}, {@link ShiftCheck}, {@link
 * SchemaCheck}, {@link SliceCheck}, {@link TimeCheck} and {@link AfterTimeCheck}; {@link RepeatsCheck}
 * reads the evaluation set a second time for rows that are not independent. Any blocker makes
 * the verdict NOT_READY. Memory grows by about 40 bytes per evaluation row (ids, row hashes,
 * labels) plus, when near-duplicate text is checked, the evaluation texts' shingles (8 bytes a word)
 * and about 150 bytes per evaluation row (nothing per training row: training texts are streamed
 * against an index of the evaluation texts); column statistics are sketches and samples of fixed
 * size (up to 1.6 MB a numeric column for its sample). Every figure is the same on every run: the
 * samples are seeded and the distinct-count sketch is a hash.
 */
public final class Audit {
  private Audit() {}

  /** Audits the files named by {@code settings}; bad files and unknown columns throw {@link HoldoutException}. */
  public static AuditReport run(AuditSettings s) {
    return run(s, Progress.NONE);
  }

  /** As {@link #run(AuditSettings)}, telling {@code progress} of each phase. */
  public static AuditReport run(AuditSettings s, Progress progress) {
    try {
      return audited(s, progress);
    } finally {
      progress.done();
    }
  }

  private static AuditReport audited(AuditSettings s, Progress progress) {
    // the hashes read the files on another thread, into the time the parse leaves a core idle
    CompletableFuture<String> dataHash = RecordReaders.sha256Async(s.data());
    CompletableFuture<String> trainHash = s.train() == null ? null : RecordReaders.sha256Async(s.train());
    List<String> header;
    int idCol, labelCol, timeCol;
    int[] sliceCols;
    try (RecordReader r = RecordReaders.open(s.data())) {
      Values.requireSeparated(r);
      header = List.copyOf(r.header());
      idCol = s.id() == null ? -1 : Values.column(r, s.id(), "the id column");
      labelCol = s.label() == null ? -1 : Values.column(r, s.label(), "the label column");
      timeCol = s.time() == null ? -1 : Values.column(r, s.time(), "--time");
      sliceCols = new int[s.slices().size()];
      for (int i = 0; i < sliceCols.length; i++) sliceCols[i] = Values.column(r, s.slices().get(i), "a slice column");
    }
    List<Integer> featureCols = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) if (c != idCol && c != labelCol) featureCols.add(c);

    if (s.train() != null) progress.phase("reading the training data " + s.train().getFileName());
    TrainingIndex train = s.train() == null ? null : TrainingIndex.read(s.train(), s.data(), header, featureCols, s.id(), s.label(), s.time());
    EvaluationPass pass = new EvaluationPass(header, idCol, labelCol, timeCol, sliceCols, featureCols, train,
        s.train() == null ? null : s.train().getFileName().toString());
    progress.phase("profiling " + s.data().getFileName());
    pass.read(s.data());
    progress.phase("checking");

    Findings findings = new Findings();
    List<ColumnProfile> profiles = pass.profiles.stream().map(ColumnProfiler::profile).toList();
    List<String> featureNames = featureCols.stream().map(header::get).toList();
    ProfileCheck.check(profiles, idCol, labelCol, findings);
    AuditReport.Ids ids = idCol < 0 ? null : IdCheck.check(s.id(), pass.rows, pass.idMissing, pass.idDuplicates, pass.distinctIds(), findings);
    String task = null;
    String positive = null;
    AuditReport.Labels labels = null;
    if (labelCol >= 0) {
      ColumnProfile lp = profiles.get(labelCol);
      Task t = s.task() != null ? s.task() : LabelCheck.inferTask(lp);
      task = t.key();
      List<String> values = pass.labels.values();
      positive = t == Task.BINARY_CLASSIFICATION ? LabelCheck.positiveLabel(s.positive(), values) : null;
      labels = LabelCheck.check(s.label(), t, lp, values, pass.labelCounts(), pass.labelMissing, pass.rows, findings);
      LeakageCheck.check(pass.sample, featureNames, featureCols.stream().map(profiles::get).toList(), t, values, positive, s.label(), findings);
    }
    AuditReport.Consistency consistency = labelCol < 0 ? null
        : ConsistencyCheck.check(featureNames, pass.rows, pass.conflictingRows(), pass.conflictExamples, pass.duplicateRows, findings);
    if (s.group() != null) {
      try (RecordReader r = RecordReaders.open(s.data())) {
        Values.column(r, s.group(), "data.group in the suite");
      }
    }
    AuditReport.Repeats repeats = RepeatsCheck.check(s.data(), header, idCol, labelCol, timeCol, s.group(), positive, findings);
    AuditReport.Contamination contamination = null;
    List<Shift.ColumnShift> shift = null;
    if (train != null) {
      contamination = ContaminationCheck.check(s.train().getFileName().toString(), s.id(), pass.rows, pass.overlaps, train.featureNames,
          train.textNames, findings);
      List<Integer> evalCols = Arrays.stream(train.evalCol).boxed().toList();
      List<ColumnProfile> evalProfiles = evalCols.stream().map(profiles::get).toList();
      shift = ShiftCheck.check(train.common, evalProfiles, evalCols.stream().map(pass.profiles::get).toList(), List.of(train.profilers),
          s.id(), s.time(), findings);
      SchemaCheck.check(header, train.header, s.label(), train.common, evalProfiles.stream().map(ColumnProfile::type).toList(),
          Arrays.stream(train.profilers).map(p -> p.profile().type()).toList(), findings);
    }
    List<AuditReport.SliceGroup> slices = sliceCols.length == 0 ? null : SliceCheck.check(s.slices(), s.criteria(), s.confidence(), pass.slices,
        pass.labels.size(), positive == null ? -1 : pass.labels.values().indexOf(positive), findings);
    TimeCoverage.Result time = timeCol < 0 ? null : TimeCheck.check(pass.time.result(), s.time(), findings);
    if (time != null && train != null && train.time != null) TimeCheck.order(train.time.result(), time, s.time(), s.train().getFileName().toString(), findings);
    if (timeCol >= 0 && featureCols.contains(timeCol)) AfterTimeCheck.check(pass.sample, featureNames, featureCols.indexOf(timeCol), s.time(), findings);

    List<Finding> sorted = findings.bySeverity();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity sev : Severity.values()) counts.put(sev.name().toLowerCase(Locale.ROOT), (int) sorted.stream().filter(f -> f.severity() == sev).count());
    String verdict = counts.get("blocker") > 0 ? "NOT_READY" : "READY";
    AuditReport.Source data = new AuditReport.Source(s.data().toString(), RecordReaders.await(dataHash), pass.rows, header);
    AuditReport.Source trainSource = train == null ? null
        : new AuditReport.Source(s.train().toString(), RecordReaders.await(trainHash), train.rows, train.header);
    AuditReport.Roles roles = new AuditReport.Roles(s.id(), s.label(), task, positive, s.slices(), s.time());
    return new AuditReport(AuditReport.SCHEMA, data, trainSource, roles, profiles, ids, labels, consistency, repeats, contamination,
        shift, slices, time, sorted, counts, verdict);
  }
}
