package dev.holdout.spark;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.render.JsonReport;
import dev.holdout.render.TerminalReport;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The job jar's entry point for {@code spark-submit}: evaluates one predictions location against a
 * suite on the cluster spark-submit names, prints the terminal report, writes the JSON report when
 * asked, and exits as {@code holdout evaluate} does (0 accepted, 1 rejected, 3 inconclusive, 2 bad
 * input or usage).
 *
 * <pre>
 * spark-submit --class dev.holdout.spark.EvaluateJob holdout-spark-job.jar SUITE PREDICTIONS
 *     [--data URL] [--name NAME] [--json FILE]
 * </pre>
 *
 * The suite is read on the driver; {@code --data} replaces its {@code data.path} with a location
 * the workers can read (a Hadoop URL).
 */
public final class EvaluateJob {
  private EvaluateJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String suiteFile = null, predictions = null, data = null, name = null, json = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean valued = a.equals("--data") || a.equals("--name") || a.equals("--json");
      if (valued && i + 1 == args.length) return usage(err, a + " needs a value");
      switch (a) {
        case "--data" -> data = args[++i];
        case "--name" -> name = args[++i];
        case "--json" -> json = args[++i];
        default -> {
          if (a.startsWith("--")) return usage(err, "unknown option " + a);
          if (suiteFile == null) suiteFile = a;
          else if (predictions == null) predictions = a;
          else return usage(err, "one suite and one predictions location, found also '" + a + "'");
        }
      }
    }
    if (predictions == null) return usage(err, "give a suite and a predictions location");
    try {
      Suite suite = Holdout.suite(Path.of(suiteFile));
      SparkSession spark = SparkSession.builder().appName("holdout evaluate").getOrCreate();
      Report report = SparkEvaluation.evaluate(spark, suite, data == null ? suite.data().path().toString() : data, predictions, name);
      if (json != null) JsonReport.write(report, Path.of(json));
      out.print(TerminalReport.render(report));
      out.flush();
      return report.verdict().exitCode();
    } catch (HoldoutException e) {
      err.println("holdout: " + e.getMessage());
      return 2;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("holdout: " + problem);
    err.println("usage: spark-submit --class " + EvaluateJob.class.getName() + " holdout-spark-job.jar SUITE PREDICTIONS"
        + " [--data URL] [--name NAME] [--json FILE]");
    return 2;
  }
}
