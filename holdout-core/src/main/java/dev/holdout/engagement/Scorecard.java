package dev.holdout.engagement;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.suite.YamlCursor;
import dev.holdout.suite.YamlReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor's scorecard, {@code vendors/NAME.yaml} beside the suite: the vendor's answers to the
 * vetting questions, the red flags the buyer checked, the vendor's build quote ({@code build_price},
 * which replaces the engagement's for this vendor), the metrics it claimed ({@code claims}), and
 * optionally the {@code handover} verification report (a {@code holdout.handover/v1} JSON file,
 * relative to the scorecard; left out of JSON, which should not carry local paths). {@link ScorecardReview} adds the flags the evidence raises.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scorecard(String vendor, String file, Double buildPrice, Map<String, String> answers, List<String> unanswered,
    List<String> redFlags, Map<String, Double> claims, @JsonIgnore Path handover) {
  private static final List<String> KEYS = List.of("vendor", "build_price", "answers", "red_flags", "claims", "handover");

  /** The vetting questions, by the key a scorecard answers them under. */
  public static final Map<String, String> QUESTIONS = new LinkedHashMap<>();
  /** The red flags a buyer may check, by key. */
  public static final Map<String, String> RED_FLAGS = new LinkedHashMap<>();

  static {
    QUESTIONS.put("advise_against_ml", "When would you advise us against ML?");
    QUESTIONS.put("data_fitness", "How do you check that our data is fit for the problem?");
    QUESTIONS.put("weak_prototype", "What happens to the contract if the prototype shows a weak signal?");
    QUESTIONS.put("handover", "How do you hand over code, weights, prompts and pipelines?");
    QUESTIONS.put("drift_after_launch", "Who watches drift after launch, and what happens then?");
    RED_FLAGS.put("no_shift_talk", "no talk of distribution shift or failure cases");
    RED_FLAGS.put("documentation_extra", "documentation offered as an extra");
    RED_FLAGS.put("results_before_data", "results promised before seeing the data");
    RED_FLAGS.put("no_rollback", "no provision for rollback, retraining or monitoring");
  }

  /** The scorecard of the submission {@code name} beside {@code suiteFile} ({@code vendors/NAME.yaml}), if there is one. */
  public static Optional<Scorecard> beside(Path suiteFile, String name) {
    Path folder = suiteFile.toAbsolutePath().getParent();
    for (String ext : List.of(".yaml", ".yml")) {
      Path p = folder.resolve("vendors").resolve(name + ext);
      if (Files.isRegularFile(p)) return Optional.of(read(p));
    }
    return Optional.empty();
  }

  /** Reads a scorecard; a malformed one throws naming the line. */
  public static Scorecard read(Path path) {
    String file = path.toString();
    YamlCursor top;
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      top = YamlCursor.root(file, YamlReader.read(file, r), HoldoutException.BadData::new).mapping("the scorecard");
    } catch (IOException e) {
      throw new HoldoutException.BadData(path + ": cannot be read (" + e.getMessage() + ")");
    }
    top.checkKeys(KEYS);
    String vendor = top.has("vendor") ? top.text("vendor") : path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Double price = null;
    if (top.has("build_price")) {
      price = top.get("build_price").number();
      if (price < 0) throw top.get("build_price").error("expected a price of 0 or more, found " + price);
    }
    Map<String, String> answers = new LinkedHashMap<>();
    if (top.has("answers")) {
      YamlCursor a = top.get("answers").mapping();
      a.checkKeys(List.copyOf(QUESTIONS.keySet()));
      for (String k : QUESTIONS.keySet()) {
        if (a.has(k)) answers.put(k, a.text(k));
      }
    }
    List<String> unanswered = QUESTIONS.keySet().stream().filter(k -> !answers.containsKey(k)).toList();
    List<String> flags = new ArrayList<>();
    List<String> checked = top.optionalTextList("red_flags");
    if (checked != null) {
      for (int i = 0; i < checked.size(); i++) {
        String k = checked.get(i);
        if (!RED_FLAGS.containsKey(k)) {
          throw top.get("red_flags").error("unknown red flag '" + k + "'" + Names.didYouMean(k, List.copyOf(RED_FLAGS.keySet()))
              + " (red flags: " + String.join(", ", RED_FLAGS.keySet()) + ")");
        }
        flags.add(k);
      }
    }
    Map<String, Double> claims = new LinkedHashMap<>();
    if (top.has("claims")) {
      for (var e : top.get("claims").mapping().children().entrySet()) claims.put(e.getKey(), e.getValue().number());
    }
    Path handover = top.has("handover") ? path.toAbsolutePath().getParent().resolve(top.text("handover")) : null;
    return new Scorecard(vendor, path.getFileName().toString(), price, answers, unanswered, flags, claims, handover);
  }
}
