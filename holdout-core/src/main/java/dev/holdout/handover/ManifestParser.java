package dev.holdout.handover;

import dev.holdout.base.HoldoutException;
import dev.holdout.suite.YamlCursor;
import dev.holdout.suite.YamlNode;
import dev.holdout.suite.YamlReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code handover.yaml} ({@code holdout.handover/v1}) with line numbers in every message. */
public final class ManifestParser {
  public static final String SCHEMA = "holdout.handover/v1";
  public static final String FILE = "handover.yaml";
  /** A manifest is a short text; a larger one is refused rather than parsed. */
  static final long MAX_BYTES = 1 << 20;

  private static final List<String> TOP = List.of("handover", "vendor", "model", "weights", "code", "prompts", "eval_sets", "data_lineage",
      "pipeline", "model_card", "components", "running_costs", "reproduce", "claimed_metrics");
  private static final List<String> FILE_KEYS = List.of("path", "sha256");
  private static final List<String> WEIGHTS = List.of("path", "sha256", "format", "url", "exit_plan");
  private static final List<String> CODE = List.of("archive", "sha256", "repository", "commit");
  private static final List<String> COMPONENT = List.of("name", "version", "licence", "license");
  private static final List<String> REPRODUCE = List.of("suite", "model", "predictions", "tolerance");

  private final BundlePaths paths;

  private ManifestParser(BundlePaths paths) {
    this.paths = paths;
  }

  public static Manifest parse(BundlePaths paths) {
    Path path = paths.resolve(FILE, paths.root().toString());
    if (!Files.isRegularFile(path)) {
      throw new HoldoutException.BadData(paths.root() + ": no " + FILE + " in the bundle; ask the vendor for the manifest (docs/handover.md shows its format)");
    }
    String text;
    try {
      if (Files.size(path) > MAX_BYTES) throw new HoldoutException.BadData(path + ": larger than 1 MiB; a manifest lists files, it does not hold them");
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new HoldoutException.BadData(path + ": is not UTF-8 text; ask the vendor to save the manifest as UTF-8");
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")");
    }
    if (text.isBlank()) throw new HoldoutException.BadData(path + ": is empty; it should start with 'handover: " + SCHEMA + "'");
    YamlNode root = YamlReader.read(path.toString(), new StringReader(text));
    return new ManifestParser(paths).manifest(YamlCursor.root(path.toString(), root, HoldoutException.BadData::new).mapping("the manifest"));
  }

  private Manifest manifest(YamlCursor top) {
    top.checkKeys(TOP);
    if (!top.has("handover")) throw top.error("missing 'handover: " + SCHEMA + "' (the first line)");
    String schema = top.text("handover");
    if (!SCHEMA.equals(schema)) throw top.get("handover").error("expected '" + SCHEMA + "', found '" + schema + "'");
    List<Manifest.Weights> weights = new ArrayList<>();
    if (top.has("weights")) for (YamlCursor item : top.get("weights").items("a list")) weights.add(weights(item));
    Manifest.Code code = null;
    if (top.has("code")) {
      YamlCursor m = top.get("code").mapping();
      m.checkKeys(CODE);
      Manifest.FileRef archive = m.has("archive") ? fileRef(m, "archive") : null;
      String repo = m.optionalText("repository");
      String commit = m.optionalText("commit");
      if (archive == null && repo == null) throw m.error("give 'archive' (a file in the bundle) or 'repository' with 'commit'");
      code = new Manifest.Code(archive, repo, commit, m.line());
    }
    List<Manifest.Component> components = new ArrayList<>();
    if (top.has("components")) {
      for (YamlCursor item : top.get("components").items("a list")) {
        YamlCursor m = item.mapping();
        m.checkKeys(COMPONENT);
        if (!m.has("name")) throw m.error("missing 'name'");
        String licence = m.optionalText("licence");
        if (licence == null) licence = m.optionalText("license");
        components.add(new Manifest.Component(m.text("name"), m.optionalText("version"), licence, m.line()));
      }
    }
    Map<String, String> costs = null;
    if (top.has("running_costs")) {
      costs = new LinkedHashMap<>();
      for (var c : top.get("running_costs").mapping().children().entrySet()) costs.put(c.getKey(), c.getValue().text());
    }
    Manifest.Reproduce reproduce = null;
    if (top.has("reproduce")) {
      YamlCursor m = top.get("reproduce").mapping();
      m.checkKeys(REPRODUCE);
      for (String k : List.of("suite", "model", "predictions")) {
        if (!m.has(k)) throw m.error("missing '" + k + "'; reproduce needs suite, model and predictions (docs/handover.md)");
      }
      double tolerance = 1e-4;
      if (m.has("tolerance")) {
        tolerance = m.get("tolerance").number();
        if (tolerance < 0) throw m.get("tolerance").error("a tolerance is never negative");
      }
      reproduce = new Manifest.Reproduce(pathOnly(m.get("suite")), pathOnly(m.get("model")), pathOnly(m.get("predictions")), tolerance, m.line());
    }
    Map<String, Double> claimed = new LinkedHashMap<>();
    if (top.has("claimed_metrics")) {
      for (var c : top.get("claimed_metrics").mapping().children().entrySet()) claimed.put(c.getKey(), c.getValue().number());
    }
    return new Manifest(top.optionalText("vendor"), top.optionalText("model"), weights, code, fileList(top, "prompts"),
        fileList(top, "eval_sets"), top.has("data_lineage") ? fileRef(top, "data_lineage") : null,
        top.has("pipeline") ? fileRef(top, "pipeline") : null, top.has("model_card") ? fileRef(top, "model_card") : null,
        components, costs, reproduce, claimed);
  }

  private Manifest.Weights weights(YamlCursor item) {
    YamlCursor m = item.mapping();
    m.checkKeys(WEIGHTS);
    if (!m.has("format")) throw m.error("missing 'format' (onnx, safetensors, pickle, joblib, pytorch, api ...)");
    String format = m.text("format").toLowerCase(Locale.ROOT);
    String url = m.optionalText("url");
    Manifest.FileRef exitPlan = m.has("exit_plan") ? pathOnly(m.get("exit_plan")) : null;
    Manifest.FileRef file = null;
    if (m.has("path")) {
      file = new Manifest.FileRef(m.text("path"), resolve(m.get("path")), m.optionalText("sha256"), m.line());
    } else if (!format.equals("api")) {
      throw m.error("missing 'path': where the weights are in the bundle (or format: api with url for a hosted model)");
    }
    return new Manifest.Weights(format, file, url, exitPlan, m.line());
  }

  /** A list of {@code path} or {@code {path: ..., sha256: ...}} items, or null when {@code key} is absent. */
  private List<Manifest.FileRef> fileList(YamlCursor top, String key) {
    if (!top.has(key)) return null;
    List<Manifest.FileRef> out = new ArrayList<>();
    for (YamlCursor item : top.get(key).items("a list")) out.add(item.node() instanceof YamlNode.Scalar ? pathOnly(item) : withSha(item));
    return out;
  }

  /** {@code key: path} or {@code key: {path: ..., sha256: ...}}; an archive written as a path takes its sha256 beside it. */
  private Manifest.FileRef fileRef(YamlCursor parent, String key) {
    YamlCursor node = parent.get(key);
    if (!(node.node() instanceof YamlNode.Scalar)) return withSha(node);
    Path resolved = resolve(node);
    return new Manifest.FileRef(node.text(), resolved, key.equals("archive") ? parent.optionalText("sha256") : null, node.line());
  }

  private Manifest.FileRef withSha(YamlCursor node) {
    YamlCursor m = node.mapping();
    m.checkKeys(FILE_KEYS);
    if (!m.has("path")) throw m.error("missing 'path'");
    return new Manifest.FileRef(m.text("path"), resolve(m.get("path")), m.optionalText("sha256"), m.line());
  }

  private Manifest.FileRef pathOnly(YamlCursor node) {
    return new Manifest.FileRef(node.text(), resolve(node), null, node.line());
  }

  /** The file a path in the manifest names, checked to stay inside the bundle. */
  private Path resolve(YamlCursor node) {
    return paths.resolve(node.text(), node.where());
  }
}
