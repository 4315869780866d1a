package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.Holdout;
import dev.holdout.data.RecordReaders;
import dev.holdout.onnx.LogisticOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandoverCommandTest {
  static final double[] W = {0.9, -1.3, 0.4};
  static final double B = 0.1;
  static final String CARD = """
      # Churn model
      ## Intended use
      Ranking subscribers for retention calls.
      ## Limitations
      Trained on 2024 data only.
      ## Known failure modes
      New plans unseen in training.
      ## Training data
      12 months of subscriber activity.
      """;

  @TempDir Path tmp;
  Path bundle;

  static double sigmoid(double[] x) {
    double z = B;
    for (int j = 0; j < x.length; j++) z += W[j] * x[j];
    return 1 / (1 + Math.exp(-z));
  }

  /** A complete bundle: an ONNX model, a zip of code, an evaluation set with the vendor's predictions and a suite, a model card. */
  @BeforeEach
  void bundle() throws IOException {
    bundle = Files.createDirectories(tmp.resolve("acme-churn"));
    Files.createDirectories(bundle.resolve("model"));
    Files.createDirectories(bundle.resolve("eval"));
    Files.createDirectories(bundle.resolve("docs"));
    LogisticOnnx.write(bundle.resolve("model/model.onnx"), W, B);
    Random rnd = new Random(3);
    StringBuilder eval = new StringBuilder("id,f1,f2,f3,churned\n");
    StringBuilder pred = new StringBuilder("id,p_churn\n");
    for (int i = 0; i < 400; i++) {
      double[] x = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
      double p = sigmoid(x);
      eval.append(String.format(Locale.ROOT, "u%d,%.5f,%.5f,%.5f,%d%n", i, x[0], x[1], x[2], rnd.nextDouble() < p ? 1 : 0));
    }
    Files.writeString(bundle.resolve("eval/eval.csv"), eval);
    for (String line : Files.readAllLines(bundle.resolve("eval/eval.csv")).subList(1, 401)) {
      String[] f = line.split(",");
      pred.append(f[0]).append(',').append(sigmoid(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])})).append('\n');
    }
    Files.writeString(bundle.resolve("eval/predictions.csv"), pred);
    Files.writeString(bundle.resolve("eval/suite.yaml"), """
        suite: holdout.suite/v1
        name: acme-churn-handover
        problem: Predict churn.
        task: binary_classification
        data: {path: eval.csv, id: id, label: churned, positive: "1"}
        predictions: {score: p_churn}
        bootstrap: {replicates: 300, seed: 1}
        """);
    Files.writeString(bundle.resolve("docs/model_card.md"), CARD);
    Files.writeString(bundle.resolve("docs/lineage.md"), "CRM export, 2024.\n");
    Files.writeString(bundle.resolve("pipeline.yaml"), "features: [f1, f2, f3]\n");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bundle.resolve("code.zip")))) {
      z.putNextEntry(new ZipEntry("src/train.py"));
      z.write("print('train')\n".getBytes());
      z.closeEntry();
    }
    manifest(roc());
  }

  /** roc_auc Holdout measures for the vendor's predictions, which the manifest then claims. */
  double roc() {
    return Holdout.evaluate(bundle.resolve("eval/suite.yaml"), bundle.resolve("eval/predictions.csv")).metrics().get("roc_auc").value();
  }

  String sha(String p) {
    return RecordReaders.sha256(bundle.resolve(p));
  }

  void manifest(double claimedAuc) throws IOException {
    manifest(claimedAuc, "model/model.onnx", "onnx", "Apache-2.0");
  }

  void manifest(double claimedAuc, String weights, String format, String licence) throws IOException {
    Files.writeString(bundle.resolve("handover.yaml"), String.format(Locale.ROOT, """
        handover: holdout.handover/v1
        vendor: Acme Analytics
        model: churn-v3
        weights:
          - {path: %s, format: %s, sha256: %s}
        code: {archive: code.zip, sha256: %s}
        eval_sets:
          - {path: eval/eval.csv, sha256: %s}
          - {path: eval/predictions.csv, sha256: %s}
        data_lineage: docs/lineage.md
        pipeline: {path: pipeline.yaml, sha256: %s}
        model_card: {path: docs/model_card.md, sha256: %s}
        components:
          - {name: onnxruntime, version: 1.29.0, licence: MIT}
          - {name: scorer-lib, version: 2.1, licence: %s}
        running_costs: {per_1000_predictions: "0.02 EUR", hardware: "1 vCPU"}
        reproduce: {suite: eval/suite.yaml, model: model/model.onnx, predictions: eval/predictions.csv, tolerance: 1e-5}
        claimed_metrics: {roc_auc: %s}
        """, weights, format, Files.exists(bundle.resolve(weights)) ? sha(weights) : "00", sha("code.zip"), sha("eval/eval.csv"),
        sha("eval/predictions.csv"), sha("pipeline.yaml"), sha("docs/model_card.md"), licence, claimedAuc));
  }

  @Test
  void a_complete_bundle_is_complete_and_reproduces_the_vendors_numbers() throws IOException {
    Path json = tmp.resolve("out/handover.json");
    Path html = tmp.resolve("out/handover.html");
    Cli c = Cli.run("handover", "verify", bundle, "--json", json, "--html", html, "--mkdirs");
    if (System.getenv("HOLDOUT_SHOW") != null) System.out.println(c.out());
    assertThat(c.err()).isEmpty();
    assertThat(c.out()).contains("Verdict: COMPLETE").contains("all 400 predictions reproduced")
        .contains("PASS  claimed roc_auc").contains("onnx: an open format");
    assertThat(c.exit()).isZero();
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.get("schema").asText()).isEqualTo("holdout.handover/v1");
    assertThat(r.get("verdict").asText()).isEqualTo("COMPLETE");
    assertThat(r.at("/counts/fail").asInt()).isZero();
    assertThat(Files.readString(html)).contains("COMPLETE").contains("Acme Analytics");
  }

  @Test
  void the_bundled_example_is_complete_and_its_model_scores_like_its_predictions() throws IOException {
    Cli c = Cli.run("handover", "verify", Cli.example("handover"));
    assertThat(c.err()).isEmpty();
    assertThat(c.out()).contains("all 2,000 predictions reproduced").contains("Verdict: COMPLETE (26 passed, 0 warnings, 0 failed)");
    assertThat(c.exit()).isZero();
    Path kept = tmp.resolve("kept.csv");
    Cli score = Cli.run("score", Cli.example("handover").resolve("eval/suite.yaml"), "--model", Cli.example("handover").resolve("model/churn.onnx"),
        "--predictions-out", kept, "-q");
    assertThat(score.exit()).isZero();
    assertThat(Files.readAllLines(kept)).isEqualTo(Files.readAllLines(Cli.example("handover").resolve("eval/predictions.csv")));
  }

  @Test
  void pickled_weights_fail_as_unsafe_and_lock_in() throws IOException {
    Files.write(bundle.resolve("model/model.pkl"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0, 0});
    manifest(roc(), "model/model.pkl", "pickle", "Apache-2.0");
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("FAIL  model/model.pkl: pickle: loading a pickle runs code").contains("Verdict: INCOMPLETE");
  }

  @Test
  void a_pickle_declared_as_onnx_is_caught_by_its_content() throws IOException {
    Files.write(bundle.resolve("model/fake.onnx"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0, 0});
    manifest(roc(), "model/fake.onnx", "onnx", "Apache-2.0");
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("declared onnx but the file is a Python pickle");
  }

  @Test
  void a_wrong_hash_fails_and_names_both_hashes() throws IOException {
    Files.writeString(bundle.resolve("pipeline.yaml"), "features: [f1, f2]\n");
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("FAIL  pipeline.yaml: sha256 is " + sha("pipeline.yaml") + ", the manifest says");
  }

  @Test
  void predictions_the_model_does_not_reproduce_fail_with_the_worst_row() throws IOException {
    var lines = Files.readAllLines(bundle.resolve("eval/predictions.csv"));
    String[] f = lines.get(5).split(",");
    lines.set(5, f[0] + "," + (Double.parseDouble(f[1]) * 0.5));
    Files.write(bundle.resolve("eval/predictions.csv"), lines);
    manifest(0.5);
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("1 predictions differ by more than 1.0E-5").contains("at id " + f[0]);
  }

  @Test
  void a_claimed_metric_outside_holdouts_interval_fails() throws IOException {
    manifest(0.99);
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("FAIL  claimed roc_auc 0.99: outside the interval: Holdout measures");
  }

  @Test
  void non_commercial_licences_fail_and_agpl_and_unknown_warn() throws IOException {
    manifest(roc(), "model/model.onnx", "onnx", "CC-BY-NC-4.0");
    assertThat(Cli.run("handover", "verify", bundle).out()).contains("FAIL  scorer-lib 2.1: CC-BY-NC-4.0: non-commercial");
    manifest(roc(), "model/model.onnx", "onnx", "AGPL-3.0-only");
    Cli agpl = Cli.run("handover", "verify", bundle);
    assertThat(agpl.out()).contains("WARN  scorer-lib 2.1: AGPL-3.0-only: AGPL");
    assertThat(agpl.exit()).isZero();
    manifest(roc(), "model/model.onnx", "onnx", "see vendor");
    assertThat(Cli.run("handover", "verify", bundle).out()).contains("WARN  scorer-lib 2.1: 'see vendor' is not a licence Holdout recognises");
  }

  @Test
  void a_model_card_without_failure_modes_fails() throws IOException {
    Files.writeString(bundle.resolve("docs/model_card.md"), CARD.replace("## Known failure modes\n", ""));
    manifest(roc());
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("FAIL  known failure modes: no 'known failure modes' section");
  }

  @Test
  void a_closed_api_without_exit_plan_warns() throws IOException {
    String m = Files.readString(bundle.resolve("handover.yaml"));
    Files.writeString(bundle.resolve("handover.yaml"), m.replace("weights:\n", "weights:\n  - {format: api, url: \"https://api.acme.example/v1\"}\n"));
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.out()).contains("WARN  https://api.acme.example/v1: a closed API with no exit plan");
    assertThat(c.exit()).isZero();
  }

  @Test
  void paths_out_of_the_bundle_are_bad_input_and_nothing_is_read() throws IOException {
    Files.writeString(tmp.resolve("secret.txt"), "the buyer's secret");
    String m = Files.readString(bundle.resolve("handover.yaml"));
    Files.writeString(bundle.resolve("handover.yaml"), m.replace("data_lineage: docs/lineage.md", "data_lineage: ../secret.txt"));
    Cli dots = Cli.run("handover", "verify", bundle);
    assertThat(dots.exit()).isEqualTo(2);
    assertThat(dots.err()).contains("line 10, data_lineage: '../secret.txt' steps out of the bundle").doesNotContain("\tat ");

    Files.writeString(bundle.resolve("handover.yaml"), m.replace("data_lineage: docs/lineage.md", "data_lineage: " + tmp.resolve("secret.txt")));
    Cli absolute = Cli.run("handover", "verify", bundle);
    assertThat(absolute.exit()).isEqualTo(2);
    assertThat(absolute.err()).contains("is an absolute path");

    Files.createSymbolicLink(bundle.resolve("docs/link.md"), tmp.resolve("secret.txt"));
    Files.writeString(bundle.resolve("handover.yaml"), m.replace("data_lineage: docs/lineage.md", "data_lineage: docs/link.md"));
    Cli link = Cli.run("handover", "verify", bundle);
    assertThat(link.exit()).isEqualTo(2);
    assertThat(link.err()).contains("'docs/link.md' is a symbolic link that leads out of the bundle");
  }

  @Test
  void a_suite_whose_data_lies_outside_the_bundle_is_bad_input() throws IOException {
    Files.copy(bundle.resolve("eval/eval.csv"), tmp.resolve("outside.csv"));
    Files.writeString(bundle.resolve("eval/suite.yaml"), Files.readString(bundle.resolve("eval/suite.yaml")).replace("path: eval.csv", "path: ../../outside.csv"));
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.err()).contains("data.path leads out of the bundle");
  }

  @Test
  void an_archive_that_expands_without_bound_is_bad_input() throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bundle.resolve("code.zip")))) {
      z.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) z.write(zeros);
      z.closeEntry();
    }
    manifest(roc());
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.err()).contains("code.zip: the archive expands to more than 200 times its own size").contains("stopped reading it");
  }

  @Test
  void an_archive_entry_escaping_its_folder_is_bad_input() throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bundle.resolve("code.zip")))) {
      z.putNextEntry(new ZipEntry("../../etc/evil.sh"));
      z.write(1);
      z.closeEntry();
    }
    manifest(roc());
    Cli c = Cli.run("handover", "verify", bundle);
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.err()).contains("entry '../../etc/evil.sh' would be written outside");
  }

  @Test
  void a_folder_without_a_manifest_or_with_a_bad_one_is_bad_input() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Cli none = Cli.run("handover", "verify", empty);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no handover.yaml in the bundle");
    Files.writeString(bundle.resolve("handover.yaml"), "handover: holdout.handover/v1\nweigths: []\n");
    Cli typo = Cli.run("handover", "verify", bundle);
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("line 2, weigths: unknown key 'weigths'; did you mean 'weights'?");
  }

  @Test
  void missing_sections_fail_with_what_to_ask_for() throws IOException {
    Files.writeString(bundle.resolve("handover.yaml"), "handover: holdout.handover/v1\nvendor: Acme\n");
    Cli c = Cli.run("handover", "verify", bundle);
    if (System.getenv("HOLDOUT_SHOW") != null) System.out.println(c.out());
    assertThat(c.exit()).isEqualTo(1);
    assertThat(c.out()).contains("FAIL  weights: missing from handover.yaml").contains("ask the vendor for: model weights")
        .contains("FAIL  reproduce: handover.yaml has no reproduce section");
  }

}
