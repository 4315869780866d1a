package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.holdout.onnx.LogisticOnnx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
  static final double[] W = {1.1, -0.7};
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static double sigmoid(double x1, double x2) {
    return 1 / (1 + Math.exp(-(W[0] * x1 + W[1] * x2)));
  }

  Path suite(String extra) throws IOException {
    Random rnd = new Random(11);
    StringBuilder b = new StringBuilder("id,x1,x2,churned\n");
    for (int i = 0; i < 300; i++) {
      double x1 = rnd.nextGaussian(), x2 = rnd.nextGaussian();
      b.append(String.format(Locale.ROOT, "c%d,%.4f,%.4f,%d%n", i, x1, x2, rnd.nextDouble() < sigmoid(x1, x2) ? 1 : 0));
    }
    Files.writeString(dir.resolve("eval.csv"), b);
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: churn
        problem: Predict churn.
        task: binary_classification
        data: {path: eval.csv, id: id, label: churned, positive: "1"}
        predictions: {score: p}
        bootstrap: {replicates: 200, seed: 5}
        """ + extra);
  }

  Path model() {
    Path m = dir.resolve("vendor-a.onnx");
    LogisticOnnx.write(m, W, 0);
    return m;
  }

  @Test
  void score_with_a_model_reports_serving_and_matches_evaluate_on_the_kept_predictions() throws IOException {
    Path s = suite("criteria:\n  - {metric: roc_auc, min: 0.6}\n  - {metric: error_rate, max: 0}\n");
    Path preds = dir.resolve("out/preds.csv");
    Path json = dir.resolve("score.json");
    Cli score = Cli.run("score", s, "--model", model(), "--predictions-out", preds, "--json", json, "--mkdirs");
    assertThat(score.err()).doesNotContain("Exception");
    assertThat(score.exit()).isZero();
    assertThat(score.out()).contains("Serving (onnx vendor-a.onnx): 300 rows in 1 call of up to")
        .containsPattern("latency per call: p50 [0-9.,]+ ms  p90 [0-9.,]+ ms");
    Path evalJson = dir.resolve("evaluate.json");
    Cli evaluate = Cli.run("evaluate", s, "--predictions", preds, "--json", evalJson);
    // a predictions file carries no serving measurements, so the error_rate criterion cannot be judged
    assertThat(evaluate.exit()).isEqualTo(3);
    assertThat(evaluate.out()).contains("error_rate is measured only when Holdout runs the model");
    JsonNode a = JSON.readTree(json.toFile());
    JsonNode b = JSON.readTree(evalJson.toFile());
    assertThat(a.at("/metrics/roc_auc/value").asDouble()).isEqualTo(b.at("/metrics/roc_auc/value").asDouble());
    assertThat(a.at("/serving/kind").asText()).isEqualTo("onnx");
    assertThat(a.at("/serving/rows").asLong()).isEqualTo(300);
    assertThat(a.at("/serving/latency_ms/p95").isNumber()).isTrue();
    assertThat(b.has("serving")).isFalse();
    // the kept predictions are the model's closed form
    var lines = Files.readAllLines(preds);
    var eval = Files.readAllLines(dir.resolve("eval.csv"));
    assertThat(lines.get(0)).isEqualTo("id,p");
    String[] first = eval.get(1).split(",");
    double p = Double.parseDouble(lines.get(1).split(",")[1]);
    assertThat(p).isCloseTo(sigmoid(Double.parseDouble(first[1]), Double.parseDouble(first[2])), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void a_latency_bar_no_call_can_meet_rejects() throws IOException {
    Path s = suite("criteria:\n  - {metric: latency_p95_ms, max: 0}\n");
    Cli score = Cli.run("score", s, "--model", model(), "-q");
    assertThat(score.exit()).isEqualTo(1);
    assertThat(score.out()).isEqualTo("Verdict: REJECTED\n");
  }

  @Test
  void a_corrupt_model_is_exit_2_with_advice_and_no_stack_trace() throws IOException {
    Path s = suite("");
    Path m = Files.writeString(dir.resolve("broken.onnx"), "garbage");
    Cli score = Cli.run("score", s, "--model", m);
    assertThat(score.exit()).isEqualTo(2);
    assertThat(score.err()).contains("broken.onnx: not a model ONNX Runtime can load").contains("ask the vendor").doesNotContain("\tat ");
  }

  @Test
  void a_model_that_does_not_match_the_suite_is_exit_2() throws IOException {
    Path s = suite("");
    Path m = dir.resolve("wide.onnx");
    LogisticOnnx.write(m, new double[] {1, 2, 3}, 0);
    Cli score = Cli.run("score", s, "--model", m);
    assertThat(score.exit()).isEqualTo(2);
    assertThat(score.err()).contains("takes 3 values per row, but the suite gives 2 columns [x1, x2]");
  }

  @Test
  void kept_predictions_or_a_report_over_an_input_are_refused_and_the_input_kept() throws IOException {
    Path s = suite("");
    Path m = model();
    Path eval = dir.resolve("eval.csv");
    String evalText = Files.readString(eval);
    byte[] modelBytes = Files.readAllBytes(m);
    Cli r = Cli.run("score", s, "--model", m, "--predictions-out", eval);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("holdout: --predictions-out " + eval
        + " is the evaluation set (data.path in the suite), which this command reads; give the output its own file\n");
    Cli j = Cli.run("score", s, "--model", m, "--json", m);
    assertThat(j.exit()).isEqualTo(2);
    assertThat(j.err()).isEqualTo("holdout: --json " + m + " is the model file, which this command reads; give the output its own file\n");
    assertThat(eval).hasContent(evalText.strip());
    assertThat(Files.readAllBytes(m)).isEqualTo(modelBytes);
  }

  @Test
  void model_and_endpoint_together_is_a_usage_error() throws IOException {
    Cli score = Cli.run("score", suite(""), "--model", model(), "--endpoint", "http://127.0.0.1:1/");
    assertThat(score.exit()).isEqualTo(2);
    assertThat(score.err()).contains("mutually exclusive");
  }

  @Test
  void score_with_an_endpoint_reports_latency_errors_and_cost() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/predict", ex -> {
      JsonNode rows = JSON.readTree(ex.getRequestBody()).get("rows");
      StringBuilder b = new StringBuilder("{\"predictions\": [");
      for (int i = 0; i < rows.size(); i++) {
        if (i > 0) b.append(',');
        // the vendor cannot score row c7: it answers null there
        b.append(rows.get(i).get("id").asText().equals("c7") ? "null" : Double.toString(sigmoid(rows.get(i).get("x1").asDouble(), rows.get(i).get("x2").asDouble())));
      }
      byte[] out = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      Path s = suite("endpoint: {batch_size: 50, concurrency: 2, price_per_call: 0.01}\ncriteria:\n  - {metric: error_rate, max: 0.01}\n  - {metric: cost_per_1000, max: 0.5}\n");
      Path json = dir.resolve("ep.json");
      Path html = dir.resolve("ep.html");
      Cli score = Cli.run("score", s, "--endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/predict", "--json", json, "--html", html);
      assertThat(Files.readString(html)).contains("<h2>Serving</h2>").contains("row id &#39;c7&#39;");
      assertThat(score.err()).doesNotContain("Exception");
      if (System.getenv("HOLDOUT_SHOW") != null) System.out.println(score.out());
      JsonNode r = JSON.readTree(json.toFile());
      assertThat(r.at("/serving/kind").asText()).isEqualTo("endpoint");
      assertThat(r.at("/serving/calls").asLong()).isEqualTo(6);
      assertThat(r.at("/serving/rows_failed").asLong()).isEqualTo(1);
      assertThat(r.at("/rows/missing_predictions").asLong()).isEqualTo(1);
      assertThat(r.at("/serving/error_rate").asDouble()).isEqualTo(1.0 / 300);
      // 6 calls at 0.01 for 300 rows = 0.2 per 1,000
      assertThat(r.at("/serving/cost_per_1000").asDouble()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
      assertThat(r.at("/criteria/0/status").asText()).isEqualTo("PASS");
      assertThat(r.at("/criteria/1/status").asText()).isEqualTo("PASS");
      assertThat(score.out()).contains("rows without a prediction: 1").contains("row id 'c7'");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void an_endpoint_that_is_not_there_is_exit_2() throws IOException {
    Path s = suite("endpoint: {retries: 0, timeout_ms: 500}\n");
    Cli score = Cli.run("score", s, "--endpoint", "http://127.0.0.1:1/predict");
    assertThat(score.exit()).isEqualTo(2);
    assertThat(score.err()).contains("no row got a prediction").contains("cannot reach the endpoint");
  }
}
