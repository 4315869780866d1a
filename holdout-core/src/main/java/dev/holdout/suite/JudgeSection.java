package dev.holdout.suite;

import dev.holdout.base.Names;
import java.net.URI;
import java.util.List;

/**
 * The {@code judge} section: an endpoint, a rubric and its scale are required; the rest has
 * defaults. A rubric that is one lower-case word names a {@link BuiltInRubric}, which brings its
 * own scale (a different {@code scale} is refused) and, for faithfulness and context relevance,
 * needs the passages the answer used ({@code predictions.context}).
 */
final class JudgeSection {
  private static final List<String> JUDGE = List.of("url", "model", "api_key_env", "rubric", "scale", "repeats", "input", "timeout_ms",
      "concurrency", "retries", "backoff_ms", "min_kappa");
  private static final List<String> SCALE = List.of("min", "max");
  /** The widest judge scale: a judge grades reliably on a few points, not on a hundred. */
  static final int MAX_SCALE_POINTS = 11;

  private JudgeSection() {}

  /** The section at {@code node}; without {@code input} the judge sees the prompt's template. */
  static Suite.Judge parse(YamlCursor node, Suite.Prompt prompt, boolean usedContext) {
    YamlCursor m = node.mapping();
    m.checkKeys(JUDGE);
    URI url = url(m);
    String rubric = m.requiredText("rubric");
    BuiltInRubric builtIn = builtIn(m, rubric.strip(), usedContext);
    if (builtIn != null) rubric = builtIn.text();
    if (builtIn == null && !m.has("scale")) {
      throw m.error("missing required key 'scale': the rubric's grades as whole numbers, e.g. scale: {min: 1, max: 5}; "
          + "the judge must answer with one of them");
    }
    int min = builtIn == null ? 0 : builtIn.min();
    int max = builtIn == null ? 0 : builtIn.max();
    if (m.has("scale")) {
      YamlCursor scale = m.get("scale").mapping();
      scale.checkKeys(SCALE);
      for (String k : SCALE) {
        if (!scale.has(k)) throw scale.error("missing required key '" + k + "'; write scale: {min: 1, max: 5}");
      }
      int lo = (int) scale.get("min").integer(-100, 100);
      int hi = (int) scale.get("max").integer(-100, 100);
      if (builtIn != null && (lo != min || hi != max)) {
        throw scale.error("the built-in rubric " + builtIn.id() + " grades from " + min + " to " + max + ", found scale " + lo + " to " + hi
            + "; remove scale (the rubric brings its own) or write your own rubric");
      }
      min = lo;
      max = hi;
      if (max <= min) throw scale.get("max").error("max must be above min (" + min + "), found " + max);
      if (max - min + 1 > MAX_SCALE_POINTS) {
        throw scale.error("a judge scale has at most " + MAX_SCALE_POINTS + " grades, found " + (max - min + 1)
            + " (" + min + " to " + max + "); use a small scale such as 1 to 5, which judges apply more consistently");
      }
    }
    String input = m.optionalText("input");
    if (input == null && prompt != null) input = prompt.template();
    if (input == null) {
      throw m.error("the judge must see what was asked: add input: \"{question}\" (the evaluation set's columns in braces), or a prompt section whose template is used");
    }
    String keyEnv = m.optionalText("api_key_env");
    if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw m.get("api_key_env").error(
          "expected the name of an environment variable such as OPENAI_API_KEY, found '" + keyEnv + "'; never write the key itself in the suite");
    }
    return new Suite.Judge(url, m.optionalText("model"), keyEnv, rubric.strip(), min, max,
        m.intOr("repeats", 1, 20, Suite.Judge.DEFAULT_REPEATS), input, m.intOr("timeout_ms", 1, 3_600_000, Suite.Judge.DEFAULT_TIMEOUT_MS),
        m.intOr("concurrency", 1, 256, Suite.Judge.DEFAULT_CONCURRENCY), m.intOr("retries", 0, 20, Suite.Judge.DEFAULT_RETRIES),
        m.intOr("backoff_ms", 0, 600_000, Suite.Judge.DEFAULT_BACKOFF_MS), m.line(), minKappa(m), builtIn);
  }

  /** The built-in rubric a one-word rubric names; null for a rubric written out. */
  private static BuiltInRubric builtIn(YamlCursor m, String rubric, boolean usedContext) {
    if (!rubric.matches("[a-z][a-z_]*")) return null;
    BuiltInRubric r = BuiltInRubric.named(rubric);
    if (r == null) {
      throw m.get("rubric").error("unknown built-in rubric '" + rubric + "' (built in: " + String.join(", ", BuiltInRubric.ids())
          + "; or write the rubric out as a sentence)" + Names.didYouMean(rubric, BuiltInRubric.ids()));
    }
    if (r.needsPassages() && !usedContext) {
      throw m.get("rubric").error("the built-in rubric " + r.id() + " judges the passages the answer used, but the suite names none: "
          + "add predictions.context with the column (or columns) of those passages");
    }
    return r;
  }

  /** judge.min_kappa: above 0 (chance agreement) and at most 1. */
  private static double minKappa(YamlCursor m) {
    if (!m.has("min_kappa")) return Suite.Judge.DEFAULT_MIN_KAPPA;
    double k = m.get("min_kappa").number();
    if (!(k > 0 && k <= 1)) {
      throw m.get("min_kappa").error("expected a quadratic kappa above 0 and at most 1, such as 0.6, found " + k
          + "; 0 is agreement by chance, so a judge at or below it checks nothing");
    }
    return k;
  }

  private static URI url(YamlCursor m) {
    String text = m.requiredText("url");
    try {
      URI url = URI.create(text.strip());
      if (url.getScheme() != null && (url.getScheme().equals("http") || url.getScheme().equals("https")) && url.getHost() != null) return url;
    } catch (IllegalArgumentException e) {
      // refused below, with the same advice as a URL of another scheme
    }
    throw m.get("url").error("expected the http:// or https:// URL of an OpenAI-compatible chat completions endpoint, "
        + "e.g. https://api.openai.com/v1/chat/completions; found '" + text + "'");
  }
}
