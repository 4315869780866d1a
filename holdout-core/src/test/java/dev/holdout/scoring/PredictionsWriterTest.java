package dev.holdout.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.Holdout;
import dev.holdout.base.HoldoutException;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predictions file a model's answers become is read back by id: its cells are written exactly, never guarded. */
class PredictionsWriterTest {
  @TempDir Path dir;

  @Test
  void ids_that_look_like_formulas_are_written_exactly_and_join_back() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,y\n=a,1\n\"b,c\",0\n@d,1\n");
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: ids
        problem: Ids a spreadsheet would read as formulas.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y}
        predictions: {score: p}
        bootstrap: {replicates: 50, seed: 1}
        """);
    Suite s = SuiteParser.parse(dir.resolve("suite.yaml"));
    Scored scored = new Scored(new String[] {"=a", "b,c", "@d"}, 1, new double[] {0.9, 0.2, 0.8}, new boolean[] {true, true, true}, null);
    Path out = dir.resolve("pred.csv");
    PredictionsWriter.write(s, scored, out);
    assertThat(Files.readAllLines(out)).containsExactly("id,p", "=a,0.9", "\"b,c\",0.2", "@d,0.8");
    Report r = Holdout.evaluate(dir.resolve("suite.yaml"), out);
    assertThat(r.rows().evaluated()).isEqualTo(3);
    assertThat(r.rows().missingPredictions()).isZero();
    assertThat(r.metrics().get("accuracy").value()).isEqualTo(1.0);
  }

  @Test
  void a_multilabel_suite_is_refused_with_the_way_to_evaluate_its_model() {
    var suite = SuiteParser.parse("suite.yaml", """
        suite: holdout.suite/v1
        name: tags
        problem: Tag tickets.
        task: multilabel_classification
        data: {path: eval.csv, id: id, label: tags}
        predictions: {scores: {a: p_a, b: p_b}}
        """, Path.of("/buyer"));
    assertThatThrownBy(() -> PredictionsWriter.width(suite)).isInstanceOf(HoldoutException.BadSuite.class)
        .hasMessage("/buyer/suite.yaml: holdout score does not run multilabel models yet; have the model write its score per label to a predictions file"
            + " and use holdout evaluate");
  }
}
