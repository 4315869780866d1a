package dev.holdout.handover;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.data.Values;
import dev.holdout.evaluation.FileEvaluation;
import dev.holdout.evaluation.Judging;
import dev.holdout.evaluation.Progress;
import dev.holdout.evaluation.Submission;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.scoring.PredictionsWriter;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a handover bundle: reads its manifest, then checks files and hashes, weight formats,
 * reproducibility, licences and the model card, each PASS / WARN / FAIL with what to ask the vendor
 * for. Bad input (no manifest, a malformed one, a path out of the bundle, an archive past its
 * limits) throws {@link HoldoutException} before anything outside the bundle is read.
 */
public final class HandoverVerifier {
  /** The model card headings required, each found when a heading contains one of its spellings. */
  static final Map<String, List<String>> CARD_SECTIONS = new LinkedHashMap<>();

  static {
    CARD_SECTIONS.put("intended use", List.of("intended use", "intended uses", "intended purpose"));
    CARD_SECTIONS.put("limitations", List.of("limitation"));
    CARD_SECTIONS.put("known failure modes", List.of("failure mode", "known failures"));
    CARD_SECTIONS.put("training data", List.of("training data"));
  }

  private static final Set<String> OPEN_FORMATS = Set.of("onnx", "safetensors", "pmml");
  private static final Set<String> UNSAFE_FORMATS = Set.of("pickle", "pkl", "joblib", "pytorch", "pt", "pth", "dill", "cloudpickle");

  private final BundlePaths paths;
  private final ModelRunner runner;
  private final Archives.Limits limits;
  private final List<Check> checks = new ArrayList<>();

  private HandoverVerifier(BundlePaths paths, ModelRunner runner, Archives.Limits limits) {
    this.paths = paths;
    this.runner = runner;
    this.limits = limits;
  }

  public static HandoverReport verify(Path bundle, ModelRunner runner) {
    return verify(bundle, runner, Archives.Limits.DEFAULT);
  }

  public static HandoverReport verify(Path bundle, ModelRunner runner, Archives.Limits limits) {
    BundlePaths paths = new BundlePaths(bundle);
    Manifest m = ManifestParser.parse(paths);
    HandoverVerifier v = new HandoverVerifier(paths, runner, limits);
    v.sections(m);
    v.files(m);
    v.weights(m);
    v.reproducibility(m);
    v.licences(m);
    v.modelCard(m);
    int pass = 0, warn = 0, fail = 0;
    for (Check c : v.checks) {
      switch (c.status()) {
        case PASS -> pass++;
        case WARN -> warn++;
        default -> fail++;
      }
    }
    String version = HandoverVerifier.class.getPackage().getImplementationVersion();
    return new HandoverReport(HandoverReport.SCHEMA, paths.root().getFileName().toString(),
        RecordReaders.sha256(paths.root().resolve(ManifestParser.FILE)), m.vendor(), m.model(), List.copyOf(v.checks),
        new HandoverReport.Counts(pass, warn, fail), fail == 0 ? HandoverReport.Verdict.COMPLETE : HandoverReport.Verdict.INCOMPLETE,
        new Report.Provenance(version == null ? "dev" : version, System.getProperty("java.version"),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  // ---- what the manifest declares ----

  private void sections(Manifest m) {
    String a = "manifest";
    need(!m.weights().isEmpty(), a, "weights", "model weights (format, path, sha256)", true);
    need(m.code() != null, a, "code", "the code: an archive in the bundle, or a repository URL and commit", true);
    need(m.evalSets() != null && !m.evalSets().isEmpty(), a, "eval_sets", "the evaluation sets the vendor used", true);
    need(m.modelCard() != null, a, "model_card", "a model card (intended use, limitations, known failure modes, training data)", true);
    need(!m.components().isEmpty(), a, "components", "the third-party components with their licences", true);
    need(m.lineage() != null, a, "data_lineage", "where the training data came from and how it was processed", false);
    need(m.pipeline() != null, a, "pipeline", "the pipeline configuration (features, preprocessing, training settings)", false);
    need(m.runningCosts() != null && !m.runningCosts().isEmpty(), a, "running_costs", "what running the model costs (hardware, per 1,000 predictions, licences)", false);
    need(!m.claimedMetrics().isEmpty(), a, "claimed_metrics", "the metrics the vendor claims, so Holdout can check them", false);
    if (m.code() != null && m.code().archive() == null && m.code().commit() == null) {
      checks.add(Check.fail(a, "code", "a repository without a commit: the code can change after the handover",
          "the exact commit (a full hash) of " + m.code().repository()));
    } else if (m.code() != null && m.code().archive() == null) {
      checks.add(Check.pass(a, "code", m.code().repository() + " at " + m.code().commit()));
    }
  }

  private void need(boolean present, String area, String key, String what, boolean required) {
    if (present) {
      checks.add(Check.pass(area, key, "declared"));
    } else if (required) {
      checks.add(Check.fail(area, key, "missing from handover.yaml", what));
    } else {
      checks.add(Check.warn(area, key, "missing from handover.yaml", what));
    }
  }

  // ---- presence and hashes ----

  private void files(Manifest m) {
    Map<Path, Boolean> seen = new HashMap<>();
    for (Manifest.Weights w : m.weights()) {
      if (w.file() != null) file("weights", w.file(), true, seen);
      if (w.exitPlan() != null) file("weights", w.exitPlan(), false, seen);
    }
    if (m.code() != null && m.code().archive() != null) {
      Manifest.FileRef ar = m.code().archive();
      if (file("code", ar, true, seen) && Archives.isArchive(ar.path())) {
        Archives.Listing l = Archives.list(ar.path(), limits);
        checks.add(Check.pass("files", ar.written(), "archive of " + Format.count(l.entries()) + " entries, " + Format.count(l.bytes()) + " bytes unpacked"));
      }
    }
    if (m.prompts() != null) for (Manifest.FileRef f : m.prompts()) file("prompts", f, false, seen);
    if (m.evalSets() != null) for (Manifest.FileRef f : m.evalSets()) file("eval_sets", f, true, seen);
    for (Manifest.FileRef f : new Manifest.FileRef[] {m.lineage(), m.pipeline(), m.modelCard()}) if (f != null) file("docs", f, false, seen);
    if (m.reproduce() != null) {
      for (Manifest.FileRef f : List.of(m.reproduce().suite(), m.reproduce().model(), m.reproduce().predictions())) {
        if (!seen.containsKey(f.path()) && !Files.isRegularFile(f.path())) {
          checks.add(Check.fail("files", f.written(), "named in reproduce but not in the bundle", "the file " + f.written()));
          seen.put(f.path(), false);
        }
      }
    }
  }

  /** Presence and hash of one file; true when it is there. Hash-less weights, code and eval sets fail: their integrity is the point. */
  private boolean file(String role, Manifest.FileRef f, boolean hashRequired, Map<Path, Boolean> seen) {
    if (seen.containsKey(f.path())) return seen.get(f.path());
    boolean present = Files.isRegularFile(f.path());
    seen.put(f.path(), present);
    if (!present) {
      checks.add(Check.fail("files", f.written(), Files.isDirectory(f.path()) ? "is a folder, not a file" : "not in the bundle (" + role + ")",
          "the file " + f.written() + ", or a manifest that names what was delivered"));
      return false;
    }
    String actual = RecordReaders.sha256(f.path());
    if (f.sha256() == null) {
      String detail = "present, but the manifest gives no sha256 (it is " + actual + ")";
      String ask = "the sha256 of " + f.written() + " in handover.yaml, so the delivery can be checked";
      checks.add(hashRequired ? Check.fail("files", f.written(), detail, ask) : Check.warn("files", f.written(), detail, ask));
    } else if (!actual.equalsIgnoreCase(f.sha256().strip())) {
      checks.add(Check.fail("files", f.written(), "sha256 is " + actual + ", the manifest says " + f.sha256().strip(),
          "the file as it was when the manifest was written, or a corrected manifest"));
    } else {
      checks.add(Check.pass("files", f.written(), "present, sha256 matches"));
    }
    return true;
  }

  // ---- formats ----

  private void weights(Manifest m) {
    for (Manifest.Weights w : m.weights()) {
      String item = w.file() != null ? w.file().written() : w.url() != null ? w.url() : "api";
      String format = w.format();
      if (format.equals("api")) {
        if (w.exitPlan() != null && Files.isRegularFile(w.exitPlan().path())) {
          checks.add(Check.warn("weights", item, "a closed API; exit plan " + w.exitPlan().written() + " is in the bundle",
              "check the exit plan says how the buyer gets weights in an open format if the service ends"));
        } else {
          checks.add(Check.warn("weights", item, "a closed API with no exit plan: the buyer cannot run the model without the vendor",
              "weights in ONNX, or an exit plan (exit_plan: a file in the bundle) saying how the buyer gets them"));
        }
        continue;
      }
      String sniffed = w.file() != null && Files.isRegularFile(w.file().path()) ? sniff(w.file().path()) : null;
      if (UNSAFE_FORMATS.contains(format) || "pickle".equals(sniffed)) {
        checks.add(Check.fail("weights", item, (UNSAFE_FORMATS.contains(format) ? format : "declared " + format + " but the file is a Python pickle")
                + ": loading a pickle runs code from the file, and it only loads in the vendor's Python environment",
            "the model exported to ONNX (for example with skl2onnx or torch.onnx.export)"));
      } else if (OPEN_FORMATS.contains(format)) {
        checks.add(Check.pass("weights", item, format + ": an open format that loads without running code from the file"));
      } else {
        checks.add(Check.warn("weights", item, "format '" + format + "' is not one Holdout knows to be open and safe",
            "the model exported to ONNX, or the reason it cannot be"));
      }
    }
  }

  /** "pickle" when the file starts like a pickle (protocol 2 to 5) or is a PyTorch zip holding one; null otherwise. */
  static String sniff(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(4);
      if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) return "pickle";
      if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile())) {
          var e = z.entries();
          for (int n = 0; e.hasMoreElements() && n < 10_000; n++) if (e.nextElement().getName().endsWith(".pkl")) return "pickle";
        } catch (IOException ignored) {
          return null;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  // ---- reproducibility ----

  private void reproducibility(Manifest m) {
    String a = "reproducibility";
    Manifest.Reproduce r = m.reproduce();
    if (r == null) {
      checks.add(Check.fail(a, "reproduce", "handover.yaml has no reproduce section, so the vendor's numbers cannot be checked",
          "a reproduce section: a Holdout suite over the delivered evaluation set, the model, and the vendor's predictions on that set"));
      return;
    }
    if (!Files.isRegularFile(r.suite().path()) || !Files.isRegularFile(r.model().path()) || !Files.isRegularFile(r.predictions().path())) {
      checks.add(Check.fail(a, "reproduce", "a file it names is missing (see files)", "the missing files"));
      return;
    }
    Suite suite;
    try {
      suite = SuiteParser.parse(r.suite().path());
    } catch (HoldoutException e) {
      checks.add(Check.fail(a, r.suite().written(), "not a valid Holdout suite: " + e.getMessage(), "a suite that 'holdout evaluate' accepts"));
      return;
    }
    Path data = suite.data().path().toAbsolutePath().normalize();
    String rel = paths.root().relativize(data).toString();
    if (!data.startsWith(paths.root())) {
      throw new HoldoutException.BadData(r.suite().path() + ": data.path leads out of the bundle (" + data
          + "); nothing outside the bundle is read; ask the vendor for a suite whose evaluation set is in the bundle");
    }
    paths.checkNoLinkOut(data, rel, r.suite().path() + ", data.path");
    if (!r.model().written().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      checks.add(Check.fail(a, r.model().written(), "Holdout runs ONNX models only, so the model cannot be run here", "the model exported to ONNX"));
      return;
    }
    Scored scored;
    try {
      scored = runner.run(suite, r.model().path());
    } catch (HoldoutException e) {
      checks.add(Check.fail(a, r.model().written(), "the delivered model does not run on the delivered evaluation set: " + e.getMessage(),
          "a model and suite that run together (check the suite's model section)"));
      return;
    }
    compare(suite, scored, r);
    claims(suite, scored, m.claimedMetrics());
  }

  private void compare(Suite suite, Scored scored, Manifest.Reproduce r) {
    String a = "reproducibility";
    Suite.Predictions p = suite.predictions();
    int w = scored.width();
    Map<String, double[]> vendor = new HashMap<>();
    try (RecordReader rr = RecordReaders.open(r.predictions().path())) {
      int idCol = Values.column(rr, p.id(), "predictions.id in the suite");
      int[] cols = new int[w];
      if (suite.task() == Task.MULTICLASS_CLASSIFICATION) {
        List<String> classes = PredictionsWriter.classes(suite);
        for (int c = 0; c < w; c++) {
          String col = p.probabilities().get(classes.get(c));
          if (col == null) {
            checks.add(Check.fail(a, r.predictions().written(), "the suite has no probability column for class '" + classes.get(c) + "' to compare",
                "a suite with predictions.probabilities for every class"));
            return;
          }
          cols[c] = Values.column(rr, col, "a probability column");
        }
      } else {
        cols[0] = Values.column(rr, suite.task() == Task.REGRESSION ? p.value() : p.score(), "the prediction column");
      }
      while (rr.next()) {
        double[] v = new double[w];
        for (int c = 0; c < w; c++) v[c] = Values.number(rr, cols[c], "a prediction");
        vendor.put(Values.required(rr, idCol, "an id"), v);
      }
    } catch (HoldoutException e) {
      checks.add(Check.fail(a, r.predictions().written(), "cannot be read as the suite's predictions: " + e.getMessage(),
          "the predictions in the suite's format"));
      return;
    }
    int missing = 0, over = 0;
    double worst = -1;
    String worstId = null;
    double worstModel = 0, worstVendor = 0;
    for (int i = 0; i < scored.ids().length; i++) {
      double[] v = vendor.get(scored.ids()[i]);
      if (v == null) {
        missing++;
        continue;
      }
      for (int c = 0; c < w; c++) {
        double d = Math.abs(v[c] - scored.values()[i * w + c]);
        if (d > r.tolerance()) over++;
        if (d > worst) {
          worst = d;
          worstId = scored.ids()[i];
          worstModel = scored.values()[i * w + c];
          worstVendor = v[c];
        }
      }
    }
    String item = r.model().written() + " vs " + r.predictions().written();
    int n = scored.ids().length;
    if (missing == 0 && over == 0) {
      checks.add(Check.pass(a, item, "all " + Format.count(n) + " predictions reproduced; largest difference " + Format.score(Math.max(worst, 0))
          + " (tolerance " + r.tolerance() + ")"));
    } else {
      StringBuilder d = new StringBuilder();
      if (missing > 0) d.append(Format.count(missing)).append(" of ").append(Format.count(n)).append(" evaluation rows have no delivered prediction; ");
      if (over > 0) {
        d.append(Format.count(over)).append(" predictions differ by more than ").append(r.tolerance()).append("; the largest, ").append(Format.score(worst))
            .append(", at id ").append(worstId).append(": the model gives ").append(Format.number(worstModel)).append(", the delivered file ")
            .append(Format.number(worstVendor));
      }
      checks.add(Check.fail(a, item, d.toString().replaceAll("; $", ""),
          "the exact model that produced the delivered predictions, or predictions from the delivered model"));
    }
  }

  private void claims(Suite suite, Scored scored, Map<String, Double> claimed) {
    if (claimed.isEmpty()) return;
    String a = "reproducibility";
    Report report;
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("holdout-handover");
      Path preds = tmp.resolve("model-predictions.csv");
      PredictionsWriter.write(suite, scored, preds);
      report = FileEvaluation.report(suite, preds, Submission.defaultName(preds), Progress.NONE, null, Judging.Options.defaults(suite, preds));
    } catch (IOException e) {
      throw new HoldoutException("cannot write a temporary file (" + e.getMessage() + ")", e);
    } catch (HoldoutException e) {
      checks.add(Check.fail(a, "claimed_metrics", "the delivered model's predictions cannot be evaluated: " + e.getMessage(),
          "a suite and evaluation set Holdout can evaluate"));
      return;
    } finally {
      if (tmp != null) {
        try (var s = Files.list(tmp)) {
          for (Path f : s.toList()) Files.deleteIfExists(f);
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temporary folder left behind is harmless
        }
      }
    }
    for (var e : claimed.entrySet()) {
      Report.Estimate est = report.metrics().get(e.getKey());
      String item = "claimed " + e.getKey() + " " + e.getValue();
      if (est == null) {
        checks.add(Check.warn(a, item, "Holdout does not compute '" + e.getKey() + "' for this suite; computed: " + report.metrics().keySet(),
            "the claim in one of the metrics Holdout computes, or how to reproduce it"));
      } else if (est.value() == null || est.ci() == null) {
        checks.add(Check.warn(a, item, "Holdout finds no value: " + est.undefined(), "how the vendor computed it"));
      } else {
        double lo = est.ci().get(0), hi = est.ci().get(1);
        String measured = "Holdout measures " + Format.number(est.value()) + " " + Format.interval(lo, hi) + " ("
            + Format.level(report.bootstrap().confidence()) + " interval) on the delivered evaluation set";
        if (e.getValue() >= lo && e.getValue() <= hi) {
          checks.add(Check.pass(a, item, measured));
        } else {
          checks.add(Check.fail(a, item, "outside the interval: " + measured,
              "how the claimed " + e.getKey() + " was computed, on which data, or a corrected claim"));
        }
      }
    }
  }

  // ---- licences ----

  private void licences(Manifest m) {
    for (Manifest.Component c : m.components()) {
      String item = c.name() + (c.version() == null ? "" : " " + c.version());
      String l = c.licence();
      switch (Licences.classify(l)) {
        case PERMISSIVE -> checks.add(Check.pass("licences", item, l + ": permissive"));
        case WEAK_COPYLEFT -> checks.add(Check.pass("licences", item, l + ": weak copyleft; changes to the component itself must be shared"));
        case STRONG_COPYLEFT -> checks.add(Check.warn("licences", item, l + ": copyleft; distributing software that includes it obliges the buyer to share its source",
            "confirm with counsel how the component is used, or a replacement under a permissive licence"));
        case AGPL -> checks.add(Check.warn("licences", item, l + ": AGPL; offering the model as a network service obliges the buyer to publish the source of the whole service",
            "a replacement under a permissive licence, or counsel's approval"));
        case NON_COMMERCIAL -> checks.add(Check.fail("licences", item, l + ": non-commercial; the buyer may not use it in its business",
            "a replacement, or a commercial licence from the owner"));
        default -> checks.add(Check.warn("licences", item, (l == null ? "no licence given" : "'" + l + "' is not a licence Holdout recognises")
            + "; the buyer cannot tell whether it may use it", "the component's licence (an SPDX identifier such as Apache-2.0)"));
      }
    }
  }

  // ---- model card ----

  private void modelCard(Manifest m) {
    Manifest.FileRef card = m.modelCard();
    if (card == null || !Files.isRegularFile(card.path())) return;
    String name = card.written().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt") || name.endsWith(".rst"))) {
      checks.add(Check.warn("model card", card.written(), "not a text file, so its sections cannot be checked",
          "the model card as Markdown"));
      return;
    }
    String text;
    try (InputStream in = Files.newInputStream(card.path())) {
      text = new String(in.readNBytes(4 << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HoldoutException.BadData(card.path() + ": cannot be read (" + e.getMessage() + ")");
    }
    Set<String> headings = new LinkedHashSet<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("#")) headings.add(line.replaceFirst("^#+", "").strip().toLowerCase(Locale.ROOT));
      // setext headings: a line underlined with === or ---
      if (i + 1 < lines.length && !line.isEmpty() && lines[i + 1].strip().matches("(=+|-+)")) headings.add(line.toLowerCase(Locale.ROOT));
    }
    List<String> missing = new ArrayList<>();
    for (var e : CARD_SECTIONS.entrySet()) {
      boolean found = headings.stream().anyMatch(h -> e.getValue().stream().anyMatch(h::contains));
      if (found) {
        checks.add(Check.pass("model card", e.getKey(), "section present"));
      } else {
        missing.add(e.getKey());
      }
    }
    for (String s : missing) {
      checks.add(Check.fail("model card", s, "no '" + s + "' section (a heading) in " + card.written(), "a '" + s + "' section in the model card"));
    }
  }
}
