package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest reads through the suite's YAML cursor: the same messages, as bad data. */
class ManifestParserTest {
  @TempDir Path bundle;

  private Manifest parse(String yaml) throws IOException {
    Files.writeString(bundle.resolve(ManifestParser.FILE), yaml);
    return ManifestParser.parse(new BundlePaths(bundle));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) throws IOException {
    Files.writeString(bundle.resolve(ManifestParser.FILE), yaml);
    return assertThatThrownBy(() -> ManifestParser.parse(new BundlePaths(bundle))).isInstanceOf(HoldoutException.BadData.class);
  }

  private String at(int line) {
    return bundle.resolve(ManifestParser.FILE).toAbsolutePath().normalize() + " line " + line + ", ";
  }

  @Test
  void file_references_resolve_inside_the_bundle_with_their_lines() throws IOException {
    Manifest m = parse("""
        handover: holdout.handover/v1
        vendor: Acme
        code: {archive: code.zip, sha256: abc}
        eval_sets:
          - eval/eval.csv
          - {path: eval/predictions.csv, sha256: def}
        reproduce: {suite: eval/suite.yaml, model: model.onnx, predictions: eval/predictions.csv}
        claimed_metrics: {roc_auc: 0.9}
        """);
    assertThat(m.vendor()).isEqualTo("Acme");
    assertThat(m.code().archive().path()).isEqualTo(bundle.toAbsolutePath().normalize().resolve("code.zip"));
    assertThat(m.code().archive().sha256()).isEqualTo("abc");
    assertThat(m.evalSets()).extracting(Manifest.FileRef::written, Manifest.FileRef::sha256, Manifest.FileRef::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("eval/eval.csv", null, 5),
            org.assertj.core.groups.Tuple.tuple("eval/predictions.csv", "def", 6));
    assertThat(m.reproduce().tolerance()).isEqualTo(1e-4);
    assertThat(m.claimedMetrics()).containsEntry("roc_auc", 0.9);
  }

  @Test
  void mistakes_name_the_line_and_the_key_path() throws IOException {
    refused("handover: holdout.handover/v1\nweigths: []\n")
        .hasMessage(at(2) + "weigths: unknown key 'weigths'; did you mean 'weights'? (allowed here: handover, vendor, model, weights, code,"
            + " prompts, eval_sets, data_lineage, pipeline, model_card, components, running_costs, reproduce, claimed_metrics)");
    refused("handover: holdout.handover/v1\ncomponents:\n  - {version: 1}\n").hasMessage(at(3) + "components[0]: missing 'name'");
    refused("handover: holdout.handover/v1\nweights: {path: m.onnx}\n").hasMessage(at(2) + "weights: expected a list, found a mapping");
    refused("handover: holdout.handover/v2\n").hasMessage(at(1) + "handover: expected 'holdout.handover/v1', found 'holdout.handover/v2'");
  }

  @Test
  void a_quoted_claimed_figure_gets_the_suites_advice_to_drop_the_quotes() throws IOException {
    refused("handover: holdout.handover/v1\nclaimed_metrics:\n  roc_auc: '0.9'\n")
        .hasMessage(at(3) + "claimed_metrics.roc_auc: expected a number, found the text '0.9'; write the number without quotes");
  }

  @Test
  void a_path_out_of_the_bundle_names_where_it_was_written() throws IOException {
    refused("handover: holdout.handover/v1\npipeline: {path: ../secret.txt}\n")
        .hasMessageStartingWith(at(2) + "pipeline.path: '../secret.txt' steps out of the bundle");
  }
}
