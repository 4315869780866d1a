package dev.holdout.handover;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.suite.YamlNode;
import dev.holdout.suite.YamlReader;
import java.io.IOException;
import java.io.StringReader;
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

  private final String file;
  private final BundlePaths paths;

  private ManifestParser(String file, BundlePaths paths) {
    this.file = file;
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
    } catch (java.nio.charset.MalformedInputException e) {
      throw new HoldoutException.BadData(path + ": is not UTF-8 text; ask the vendor to save the manifest as UTF-8");
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")");
    }
    if (text.isBlank()) throw new HoldoutException.BadData(path + ": is empty; it should start with 'handover: " + SCHEMA + "'");
    return new ManifestParser(path.toString(), paths).manifest(YamlReader.read(path.toString(), new StringReader(text)));
  }

  private Manifest manifest(YamlNode root) {
    YamlNode.Mapping top = mapping(root, "the manifest");
    checkKeys(top, TOP, "");
    if (!top.entries().containsKey("handover")) throw error(top, "", "missing 'handover: " + SCHEMA + "' (the first line)");
    String schema = text(top.entries().get("handover"), "handover");
    if (!SCHEMA.equals(schema)) throw error(top.entries().get("handover"), "handover", "expected '" + SCHEMA + "', found '" + schema + "'");
    Map<String, YamlNode> e = top.entries();
    List<Manifest.Weights> weights = new ArrayList<>();
    if (e.containsKey("weights")) {
      List<YamlNode> items = items(e.get("weights"), "weights");
      for (int i = 0; i < items.size(); i++) weights.add(weights(items.get(i), "weights[" + i + "]"));
    }
    Manifest.Code code = null;
    if (e.containsKey("code")) {
      YamlNode.Mapping m = mapping(e.get("code"), "code");
      checkKeys(m, CODE, "code");
      Manifest.FileRef archive = m.entries().containsKey("archive") ? fileRef(m, "archive", "code") : null;
      String repo = optional(m, "repository", "code.repository");
      String commit = optional(m, "commit", "code.commit");
      if (archive == null && repo == null) throw error(m, "code", "give 'archive' (a file in the bundle) or 'repository' with 'commit'");
      code = new Manifest.Code(archive, repo, commit, m.line());
    }
    List<Manifest.Component> components = new ArrayList<>();
    if (e.containsKey("components")) {
      List<YamlNode> items = items(e.get("components"), "components");
      for (int i = 0; i < items.size(); i++) {
        String path = "components[" + i + "]";
        YamlNode.Mapping m = mapping(items.get(i), path);
        checkKeys(m, COMPONENT, path);
        if (!m.entries().containsKey("name")) throw error(m, path, "missing 'name'");
        String licence = optional(m, "licence", path + ".licence");
        if (licence == null) licence = optional(m, "license", path + ".license");
        components.add(new Manifest.Component(text(m.entries().get("name"), path + ".name"), optional(m, "version", path + ".version"), licence, m.line()));
      }
    }
    Map<String, String> costs = null;
    if (e.containsKey("running_costs")) {
      costs = new LinkedHashMap<>();
      YamlNode.Mapping m = mapping(e.get("running_costs"), "running_costs");
      for (var c : m.entries().entrySet()) costs.put(c.getKey(), text(c.getValue(), "running_costs." + c.getKey()));
    }
    Manifest.Reproduce reproduce = null;
    if (e.containsKey("reproduce")) {
      YamlNode.Mapping m = mapping(e.get("reproduce"), "reproduce");
      checkKeys(m, REPRODUCE, "reproduce");
      for (String k : List.of("suite", "model", "predictions")) {
        if (!m.entries().containsKey(k)) throw error(m, "reproduce", "missing '" + k + "'; reproduce needs suite, model and predictions (docs/handover.md)");
      }
      double tolerance = 1e-4;
      if (m.entries().containsKey("tolerance")) {
        tolerance = number(m.entries().get("tolerance"), "reproduce.tolerance");
        if (tolerance < 0) throw error(m.entries().get("tolerance"), "reproduce.tolerance", "a tolerance is never negative");
      }
      reproduce = new Manifest.Reproduce(pathOnly(m, "suite", "reproduce"), pathOnly(m, "model", "reproduce"), pathOnly(m, "predictions", "reproduce"),
          tolerance, m.line());
    }
    Map<String, Double> claimed = new LinkedHashMap<>();
    if (e.containsKey("claimed_metrics")) {
      YamlNode.Mapping m = mapping(e.get("claimed_metrics"), "claimed_metrics");
      for (var c : m.entries().entrySet()) claimed.put(c.getKey(), number(c.getValue(), "claimed_metrics." + c.getKey()));
    }
    return new Manifest(optionalTop(top, "vendor"), optionalTop(top, "model"), weights, code, fileList(e.get("prompts"), "prompts"),
        fileList(e.get("eval_sets"), "eval_sets"), e.containsKey("data_lineage") ? fileRef(top, "data_lineage", "") : null,
        e.containsKey("pipeline") ? fileRef(top, "pipeline", "") : null, e.containsKey("model_card") ? fileRef(top, "model_card", "") : null,
        components, costs, reproduce, claimed);
  }

  private Manifest.Weights weights(YamlNode node, String path) {
    YamlNode.Mapping m = mapping(node, path);
    checkKeys(m, WEIGHTS, path);
    if (!m.entries().containsKey("format")) throw error(m, path, "missing 'format' (onnx, safetensors, pickle, joblib, pytorch, api ...)");
    String format = text(m.entries().get("format"), path + ".format").toLowerCase(Locale.ROOT);
    String url = optional(m, "url", path + ".url");
    Manifest.FileRef exitPlan = m.entries().containsKey("exit_plan") ? pathOnly(m, "exit_plan", path) : null;
    Manifest.FileRef file = null;
    if (m.entries().containsKey("path")) {
      file = new Manifest.FileRef(text(m.entries().get("path"), path + ".path"),
          paths.resolve(text(m.entries().get("path"), path + ".path"), where(m.entries().get("path"), path + ".path")),
          optional(m, "sha256", path + ".sha256"), m.line());
    } else if (!format.equals("api")) {
      throw error(m, path, "missing 'path': where the weights are in the bundle (or format: api with url for a hosted model)");
    }
    return new Manifest.Weights(format, file, url, exitPlan, m.line());
  }

  private List<Manifest.FileRef> fileList(YamlNode node, String path) {
    if (node == null) return null;
    List<Manifest.FileRef> out = new ArrayList<>();
    List<YamlNode> items = items(node, path);
    for (int i = 0; i < items.size(); i++) {
      String p = path + "[" + i + "]";
      YamlNode item = items.get(i);
      if (item instanceof YamlNode.Scalar) {
        String w = text(item, p);
        out.add(new Manifest.FileRef(w, paths.resolve(w, where(item, p)), null, item.line()));
      } else {
        YamlNode.Mapping m = mapping(item, p);
        checkKeys(m, FILE_KEYS, p);
        if (!m.entries().containsKey("path")) throw error(m, p, "missing 'path'");
        String w = text(m.entries().get("path"), p + ".path");
        out.add(new Manifest.FileRef(w, paths.resolve(w, where(m.entries().get("path"), p + ".path")), optional(m, "sha256", p + ".sha256"), m.line()));
      }
    }
    return out;
  }

  /** {@code key: path} or {@code key: {path: ..., sha256: ...}}. */
  private Manifest.FileRef fileRef(YamlNode.Mapping parent, String key, String section) {
    String p = section.isEmpty() ? key : section + "." + key;
    YamlNode node = parent.entries().get(key);
    if (node instanceof YamlNode.Scalar) {
      if (key.equals("archive")) {
        String w = text(node, p);
        return new Manifest.FileRef(w, paths.resolve(w, where(node, p)), optional(parent, "sha256", section + ".sha256"), node.line());
      }
      String w = text(node, p);
      return new Manifest.FileRef(w, paths.resolve(w, where(node, p)), null, node.line());
    }
    YamlNode.Mapping m = mapping(node, p);
    checkKeys(m, FILE_KEYS, p);
    if (!m.entries().containsKey("path")) throw error(m, p, "missing 'path'");
    String w = text(m.entries().get("path"), p + ".path");
    return new Manifest.FileRef(w, paths.resolve(w, where(m.entries().get("path"), p + ".path")), optional(m, "sha256", p + ".sha256"), m.line());
  }

  private Manifest.FileRef pathOnly(YamlNode.Mapping parent, String key, String section) {
    String p = section + "." + key;
    YamlNode node = parent.entries().get(key);
    String w = text(node, p);
    return new Manifest.FileRef(w, paths.resolve(w, where(node, p)), null, node.line());
  }

  private List<YamlNode> items(YamlNode node, String path) {
    if (node instanceof YamlNode.Sequence s) return s.items();
    throw error(node, path, "expected a list, found " + node.describe());
  }

  private YamlNode.Mapping mapping(YamlNode node, String path) {
    if (node instanceof YamlNode.Mapping m) return m;
    throw error(node, path, "expected a mapping of keys to values, found " + node.describe());
  }

  private void checkKeys(YamlNode.Mapping m, List<String> allowed, String path) {
    for (String key : m.entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new HoldoutException.BadData(file + " line " + m.keyLines().get(key) + ", " + (path.isEmpty() ? key : path + "." + key)
            + ": unknown key '" + key + "'" + Names.didYouMean(key, allowed) + " (allowed here: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private String text(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s && s.text() != null && !s.text().isBlank()) return s.text();
    throw error(node, path, "expected a text value, found " + node.describe());
  }

  private String optional(YamlNode.Mapping m, String key, String path) {
    return m.entries().containsKey(key) ? text(m.entries().get(key), path) : null;
  }

  private String optionalTop(YamlNode.Mapping m, String key) {
    return optional(m, key, key);
  }

  private double number(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s && s.number() != null && Double.isFinite(s.number().doubleValue())) return s.number().doubleValue();
    throw error(node, path, "expected a number, found " + node.describe());
  }

  private String where(YamlNode at, String path) {
    return file + " line " + at.line() + ", " + path;
  }

  private HoldoutException.BadData error(YamlNode at, String path, String message) {
    return new HoldoutException.BadData(file + (at == null ? "" : " line " + at.line()) + (path.isEmpty() ? "" : ", " + path) + ": " + message);
  }
}
