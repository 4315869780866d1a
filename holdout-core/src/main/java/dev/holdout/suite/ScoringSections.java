package dev.holdout.suite;

import dev.holdout.base.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code model} and {@code endpoint} sections, for {@code holdout score}: how to feed an ONNX model or an HTTP endpoint. */
final class ScoringSections {
  private static final List<String> MODEL = List.of("inputs", "output", "classes", "batch_size");
  private static final List<String> MODEL_INPUT = List.of("name", "columns", "type");
  private static final List<String> INPUT_TYPES = List.of("float", "double", "int64");
  private static final List<String> ENDPOINT = List.of("request", "response", "field", "columns", "batch_size", "concurrency",
      "timeout_ms", "retries", "backoff_ms", "price_per_call", "headers");

  private ScoringSections() {}

  static Suite.Scoring parse(YamlCursor top) {
    return new Suite.Scoring(model(top), endpoint(top));
  }

  private static Suite.Model model(YamlCursor top) {
    Suite.Model d = Suite.Model.DEFAULT;
    if (!top.has("model")) return d;
    YamlCursor m = top.get("model").mapping();
    m.checkKeys(MODEL);
    List<Suite.ModelInput> inputs = new ArrayList<>();
    if (m.has("inputs")) {
      YamlCursor n = m.get("inputs");
      String expected = "a list of inputs like [{name: features, columns: [age, tenure]}]";
      List<YamlCursor> items = n.items(expected);
      if (items.isEmpty()) throw n.error("expected " + expected + ", found " + n.describe());
      Set<String> names = new LinkedHashSet<>();
      for (YamlCursor item : items) {
        YamlCursor in = item.mapping();
        in.checkKeys(MODEL_INPUT);
        String name = in.optionalText("name");
        if (name == null && items.size() > 1) throw in.error("with several inputs, give each its 'name' as the model calls it");
        if (name != null && !names.add(name)) throw in.get("name").error("input '" + name + "' is listed twice");
        String type = in.optionalText("type");
        if (type != null && !INPUT_TYPES.contains(type)) {
          throw in.get("type").error("expected one of " + INPUT_TYPES + ", found '" + type + "'" + Names.didYouMean(type, INPUT_TYPES));
        }
        inputs.add(new Suite.ModelInput(name, in.optionalTextList("columns"), type, in.line()));
      }
    }
    List<String> classes = m.optionalTextList("classes");
    int batch = m.intOr("batch_size", 1, 1_000_000, d.batchSize());
    return new Suite.Model(List.copyOf(inputs), m.optionalText("output"), classes, batch);
  }

  private static Suite.Endpoint endpoint(YamlCursor top) {
    Suite.Endpoint d = Suite.Endpoint.DEFAULT;
    if (!top.has("endpoint")) return d;
    YamlCursor m = top.get("endpoint").mapping();
    m.checkKeys(ENDPOINT);
    String request = m.has("request") ? m.text("request") : d.request();
    if (!request.contains("$rows")) {
      throw m.get("request").error("the request template needs '$rows' where the batch of rows goes, e.g. '{\"instances\": $rows}'");
    }
    String response = m.has("response") ? m.text("response") : d.response();
    Double price = null;
    if (m.has("price_per_call")) {
      price = m.get("price_per_call").number();
      if (price < 0) throw m.get("price_per_call").error("a price is never negative; give 0 or more");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (m.has("headers")) {
      for (var e : m.get("headers").mapping().children().entrySet()) headers.put(e.getKey(), e.getValue().text());
    }
    return new Suite.Endpoint(request, response, m.optionalText("field"), m.optionalTextList("columns"),
        m.intOr("batch_size", 1, 100_000, d.batchSize()), m.intOr("concurrency", 1, 256, d.concurrency()),
        m.intOr("timeout_ms", 1, 3_600_000, d.timeoutMs()), m.intOr("retries", 0, 20, d.retries()),
        m.intOr("backoff_ms", 0, 600_000, d.backoffMs()), price, Map.copyOf(headers));
  }
}
