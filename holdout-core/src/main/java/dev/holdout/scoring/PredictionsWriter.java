package dev.holdout.scoring;

import dev.holdout.base.HoldoutException;
import dev.holdout.metric.Task;
import dev.holdout.base.AtomicFiles;
import dev.holdout.base.CsvCells;
import dev.holdout.suite.Suite;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what a model answered as a CSV predictions file in the suite's own format, so it is
 * evaluated exactly like a file a vendor sent. Rows without an answer are left out and count as
 * missing predictions. Numbers are written with Java's shortest round-trip decimal form. Cells are
 * written exactly ({@link CsvCells#exact}, no formula guard): the file is read back by id.
 */
public final class PredictionsWriter {
  private PredictionsWriter() {}

  /** The number of numbers per row a model must give for this suite; a multilabel suite is refused (its models are not run yet). */
  public static int width(Suite suite) {
    if (suite.task() == Task.MULTILABEL_CLASSIFICATION) {
      throw new HoldoutException.BadSuite(suite.file() + ": holdout score does not run multilabel models yet; have the model write its score per label"
          + " to a predictions file and use holdout evaluate");
    }
    return suite.task() == Task.MULTICLASS_CLASSIFICATION ? classes(suite).size() : 1;
  }

  /** The classes in the suite's order, for multiclass suites. */
  public static List<String> classes(Suite suite) {
    List<String> c = suite.data().classes();
    if (c == null) {
      throw new HoldoutException.BadSuite(suite.file() + ": scoring a multiclass model needs the classes in order: list them in data.classes");
    }
    return c;
  }

  public static void write(Suite suite, Scored scored, Path file) {
    if (suite.predictions().quantiles() != null && !suite.predictions().quantiles().isEmpty()) {
      throw new HoldoutException.BadSuite(suite.file() + ": predictions.quantiles cannot be scored from a model output yet; "
          + "remove the quantile columns from the suite to score the model's value");
    }
    Suite.Predictions p = suite.predictions();
    List<String> classes = suite.task() == Task.MULTICLASS_CLASSIFICATION ? classes(suite) : List.of();
    int w = scored.width();
    AtomicFiles.write(file, out -> {
      StringBuilder line = new StringBuilder();
      line.append(CsvCells.exact(p.id()));
      switch (suite.task()) {
        case BINARY_CLASSIFICATION -> line.append(',').append(CsvCells.exact(p.score()));
        case REGRESSION -> line.append(',').append(CsvCells.exact(p.value()));
        default -> {
          for (String c : classes) if (p.probabilities().containsKey(c)) line.append(',').append(CsvCells.exact(p.probabilities().get(c)));
          if (p.label() != null) line.append(',').append(CsvCells.exact(p.label()));
        }
      }
      out.write(line.append('\n').toString());
      for (int i = 0; i < scored.ids().length; i++) {
        if (!scored.present()[i]) continue;
        line.setLength(0);
        line.append(CsvCells.exact(scored.ids()[i]));
        int base = i * w;
        if (suite.task() == Task.MULTICLASS_CLASSIFICATION) {
          int best = 0;
          for (int c = 0; c < w; c++) {
            if (p.probabilities().containsKey(classes.get(c))) line.append(',').append(scored.values()[base + c]);
            if (scored.values()[base + c] > scored.values()[base + best]) best = c;
          }
          if (p.label() != null) line.append(',').append(CsvCells.exact(classes.get(best)));
        } else {
          line.append(',').append(scored.values()[base]);
        }
        out.write(line.append('\n').toString());
      }
    });
  }
}
