package dev.holdout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command in process, as the tests see it: exit code, standard output, standard error. */
record Cli(int exit, String out, String err) {
  static Cli run(Object... args) {
    String[] text = new String[args.length];
    for (int i = 0; i < args.length; i++) text[i] = args[i].toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // as main builds it: with only the subcommand the first word names
    int exit = Main.commandLine(text.length > 0 ? text[0] : null).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(text);
    return new Cli(exit, out.toString(), err.toString());
  }

  /** The bundled examples, relative to the module folder Maven runs tests in. */
  static Path example(String name) {
    return Path.of("..", "examples", name);
  }

  /** A tiny binary suite in {@code dir}: six rows, criteria judged at the point so they decide on six rows. */
  static Path tinySuite(Path dir) throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,region,y\na,n,1\nb,n,0\nc,s,1\nd,s,0\ne,s,1\nf,n,0\n");
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: tiny
        problem: Tiny binary problem.
        task: binary_classification
        data:
          path: eval.csv
          id: id
          label: y
          slices: [region]
        predictions:
          score: p
        criteria:
          - metric: recall
            min: 0.5
            at: point
        bootstrap: {replicates: 50, seed: 1}
        """);
  }

  /** Predictions that are right about every row of {@link #tinySuite}. */
  static Path perfect(Path dir) throws IOException {
    return Files.writeString(dir.resolve("pred.csv"), "id,p\na,0.9\nb,0.1\nc,0.8\nd,0.2\ne,0.7\nf,0.3\n");
  }
}
