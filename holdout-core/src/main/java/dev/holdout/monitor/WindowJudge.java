package dev.holdout.monitor;

import dev.holdout.base.Format;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.drift.Profile;
import dev.holdout.drift.SketchDrift;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Criterion;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The judgement of one closed window: drift against the reference (the whole window, and within
 * each slice group both sides have), realized performance on its labeled rows by the same code as
 * {@code holdout evaluate}, CBPE estimates, and the alerts these raise. Reads the window and the
 * reference, changes neither; one window at a time.
 */
final class WindowJudge {
  private final WindowSpec spec;
  private final ReferenceProfile reference;
  private final String referenceName;
  private final DriftSettings drift;
  private final Suite suite;
  private final LabelCodes labels;
  private final Path log;
  private final WindowQuality quality;
  private final ShadowChallenger challenger;

  /** {@code suite} is the one the log is judged by (its slices and baseline those the log has). */
  WindowJudge(WindowSpec spec, ReferenceProfile reference, String referenceName, DriftSettings drift, Suite suite, LabelCodes labels, Path log) {
    this(spec, reference, referenceName, drift, suite, labels, log, WindowQuality.none(), null);
  }

  /** As above, with the data-quality, volume and retrain checks of {@code quality} and a shadow {@code challenger} (or null). */
  WindowJudge(WindowSpec spec, ReferenceProfile reference, String referenceName, DriftSettings drift, Suite suite, LabelCodes labels, Path log,
      WindowQuality quality, ShadowChallenger challenger) {
    this.quality = quality;
    this.challenger = challenger;
    this.spec = spec;
    this.reference = reference;
    this.referenceName = referenceName;
    this.drift = drift;
    this.suite = suite;
    this.labels = labels;
    this.log = log;
  }

  /** The window's result, numbered 0 and without alerts (the report numbers windows and adds alerts). */
  MonitorReport.WindowResult judge(OpenWindow w) {
    String name = spec.label(w.key);
    DriftReport d = SketchDrift.judge(reference.profile(), referenceName, w.profile, name, drift);
    quality.inspect(name, w.profile);
    Map<String, Map<String, DriftReport.SliceGroup>> slices = null;
    SliceProfiles referenceSlices = reference.slices();
    for (int g = 0; g < w.slices.slices.size(); g++) {
      if (!referenceSlices.judged(g) || !w.slices.judged(g)) continue;
      String slice = w.slices.slices.get(g);
      Map<String, DriftReport.SliceGroup> groups = new LinkedHashMap<>();
      for (String group : new TreeSet<>(w.slices.groups(g))) {
        Profile cur = w.slices.find(g, group);
        Profile ref = referenceSlices.find(g, group);
        if (ref == null) {
          groups.put(group, new DriftReport.SliceGroup(0, cur.rows(), null, List.of(), null, null, null, List.of(),
              "the reference has no rows in this group; not judged"));
          continue;
        }
        DriftReport gd = SketchDrift.judge(ref, referenceName, cur, name + " " + slice + "=" + group, drift, Set.of(slice));
        List<String> drifted = gd.columns().stream().filter(c -> Boolean.TRUE.equals(c.drifted())).map(c -> c.column()).toList();
        groups.put(group, new DriftReport.SliceGroup(ref.rows(), cur.rows(), gd.verdict(), gd.reasons(), gd.featureColumns(),
            gd.driftedFeatures(), drifted, gd.columns(), null));
      }
      if (slices == null) slices = new LinkedHashMap<>();
      slices.put(slice, groups);
    }
    Map<String, Report.Estimate> metrics = null;
    List<CriterionResult> criteria = null;
    String verdict = null;
    if (w.labeled != null && w.labeled.size() > 0) {
      Report rep = w.labeled.evaluate(log, name, labels.positiveName(), labels.negativeName());
      metrics = rep.metrics();
      criteria = rep.criteria();
      verdict = rep.verdict().name();
    }
    Map<String, Report.Estimate> estimated = w.cbpe == null ? null : w.cbpe.estimates(suite.bootstrap().confidence());
    return new MonitorReport.WindowResult(0, name, spec.start(w.key), spec.end(w.key), w.rows, w.labeled == null ? 0 : w.labeled.size(),
        false, d.verdict(), d.driftedFeatures(), d.featureColumns(), d, slices, metrics, criteria, verdict, estimated, List.of(),
        challenger == null ? null : challenger.judge(w.challenger, log, name, labels));
  }

  /**
   * The alerts a judged window raises: drift, a failed criterion, (before outcomes arrive) an
   * estimate past a threshold, then {@link WindowQuality}'s: data quality, volume, retrain.
   */
  List<MonitorReport.Alert> alerts(MonitorReport.WindowResult w) {
    List<MonitorReport.Alert> out = new ArrayList<>();
    if (w.empty()) return quality.alerts(w, out);
    if ("DRIFT".equals(w.driftVerdict())) {
      out.add(new MonitorReport.Alert(w.label(), "drift", "drift", w.drift().driftedShare(), w.drift().shareThreshold(),
          w.label() + ": drift (" + String.join("; ", w.drift().reasons()) + ")"));
    }
    if (w.criteria() != null) {
      for (CriterionResult c : w.criteria()) {
        if (c.status() != Status.FAIL) continue;
        out.add(new MonitorReport.Alert(w.label(), "performance", c.id(), c.observed(), c.threshold(),
            w.label() + ": " + c.id() + " FAIL on " + Format.count(w.labeledRows()) + " labeled rows: " + c.description()
                + ", observed " + fmt(c.observed()) + (c.ci() == null ? "" : " " + Format.interval(c.ci().get(0), c.ci().get(1)))));
      }
    }
    if (w.estimated() != null && w.labeledRows() == 0) {
      for (Criterion c : suite.criteria()) {
        if (c.kind() != Criterion.Kind.MIN && c.kind() != Criterion.Kind.MAX) continue;
        Report.Estimate e = w.estimated().get(c.metric());
        if (e == null || e.value() == null) continue;
        boolean crossed = c.kind() == Criterion.Kind.MIN ? e.value() < c.threshold() : e.value() > c.threshold();
        if (crossed) {
          out.add(new MonitorReport.Alert(w.label(), "estimated_performance", c.id(), e.value(), c.threshold(),
              w.label() + ": " + c.id() + " estimated (CBPE, no outcomes yet) " + c.metric() + " " + fmt(e.value()) + (c.kind() == Criterion.Kind.MIN
                  ? " < " : " > ") + fmt(c.threshold())));
        }
      }
    }
    out.addAll(quality.alerts(w, out));
    return out;
  }

  static String fmt(Double v) {
    return v == null ? "-" : Format.number(v);
  }
}
