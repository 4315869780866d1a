package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Progress;
import dev.holdout.base.Names;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import dev.holdout.drift.Drift;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.suite.SuiteDrift;
import dev.holdout.render.DriftText;
import dev.holdout.drift.Method;
import dev.holdout.drift.LogisticDomainClassifier;
import dev.holdout.render.DriftHtml;
import dev.holdout.render.Headline;
import dev.holdout.render.JsonReport;
import dev.holdout.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout drift --reference REF --current CUR}: has live data moved away from the data the model was accepted on? */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {"Compare a current window of data with the reference the model was accepted on.",
        "A drift score per column (defaults by column type and size, see docs/drift.md), prediction and label drift, a domain "
            + "classifier over all columns, the verdict DRIFT / NO DRIFT, and with a suite the same per group of its slice columns."},
    footer = {"", "Exit codes: 0 no drift, 1 drift, 2 bad input or usage."})
final class DriftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MakeFolders folders;

  @Option(names = {"-r", "--reference"}, required = true, paramLabel = "REF", description = "The reference window: .csv, .tsv, .jsonl or .parquet.")
  Path reference;

  @Option(names = {"-c", "--current"}, required = true, paramLabel = "CUR", description = "The current window, with the reference's columns.")
  Path current;

  @Option(names = {"-s", "--suite"}, paramLabel = "SUITE",
      description = "A suite: names the id, label and prediction columns, and its drift section overrides methods and thresholds.")
  Path suite;

  @Option(names = "--exclude", split = ",", paramLabel = "COLUMN", description = "Columns to leave out (ids, timestamps), comma-separated.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the holdout.drift/v1 JSON report.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML page: every column's score against its threshold, the domain classifier, slices.")
  Path html;

  @Option(names = "--no-classifier", description = "Skip the domain classifier.")
  boolean noClassifier;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
      description = "local (default): this process; spark: Apache Spark, for windows that outgrow one machine (per-column drift from "
          + "mergeable sketches, exact up to about 4,000 values per numeric column; no domain classifier, no per-slice drift; "
          + "--reference and --current may then be Hadoop URLs such as hdfs://...).")
  EvaluateCommand.Engine engine;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
      description = "With --engine spark: the Spark master (default local[*]: every core of this machine; spark://HOST:PORT for a cluster).")
  String master;

  @Override
  public Integer call() {
    boolean spark = engine == EvaluateCommand.Engine.spark;
    // a Hadoop URL keeps its "//" only as given, not as a Path
    String referenceAt = spec.commandLine().getParseResult().matchedOption("--reference").stringValues().get(0);
    String currentAt = spec.commandLine().getParseResult().matchedOption("--current").stringValues().get(0);
    if (!(spark && referenceAt.contains("://"))) checkInput(reference, "--reference");
    if (!(spark && currentAt.contains("://"))) checkInput(current, "--current");
    Map<Path, String> inputs = new LinkedHashMap<>();
    inputs.put(reference, "the reference window (--reference)");
    inputs.put(current, "the current window (--current)");
    inputs.put(suite, "the suite file");
    InputsAndOutputs.checkOutputs(inputs, folders, output("--json", json), output("--html", html));
    if (!spark) checkExcluded();
    Suite parsed = suite == null ? null : Holdout.suite(suite);
    DriftSettings settings = parsed != null ? SuiteDrift.settings(parsed, suite, exclude)
        : DriftSettings.defaults().withRoles(null, List.of(), exclude);
    if (noClassifier) settings = settings.withVerdict(settings.share(), settings.classifierAuc(), 0);
    Progress progress = TerminalProgress.forThisTerminal(spec.commandLine().getErr());
    DriftReport report;
    try {
      List<String> slices = parsed == null ? List.of() : parsed.data().slices();
      report = spark ? SparkEngine.drift(referenceAt.contains("://") ? referenceAt : reference.toString(),
          currentAt.contains("://") ? currentAt : current.toString(), settings, slices, master)
          : Drift.run(reference, current, settings, new LogisticDomainClassifier(), slices, progress);
    } finally {
      progress.done();
    }
    if (json != null) JsonReport.write(report, json);
    Headline headline = parsed == null ? Headline.NONE : new Headline(parsed.name(), parsed.problem());
    if (html != null) DriftHtml.write(report, headline, html);
    var out = spec.commandLine().getOut();
    out.print(DriftText.render(report, headline));
    out.flush();
    return report.drift() ? 1 : 0;
  }

  /** A column to leave out that neither window has is a typo, which would otherwise leave that column judged. */
  private void checkExcluded() {
    if (exclude.isEmpty()) return;
    List<String> names = new ArrayList<>();
    for (Path file : List.of(reference, current)) {
      try (RecordReader r = RecordReaders.open(file)) {
        for (String c : r.header()) if (!names.contains(c)) names.add(c);
      }
    }
    for (String c : exclude) {
      if (!names.contains(c)) {
        throw new HoldoutException.BadData("--exclude: no column '" + c + "' in " + reference + " or " + current + Names.didYouMean(c, names)
            + " (columns: " + String.join(", ", names) + ")");
      }
    }
  }

  private static void checkInput(Path file, String option) {
    if (!Files.exists(file)) throw new HoldoutException.BadData(file + ": file not found; check the path given to " + option);
    if (Files.isDirectory(file)) throw new HoldoutException.BadData(file + ": is a folder; " + option + " takes a .csv, .tsv, .jsonl or .parquet file");
  }
}
