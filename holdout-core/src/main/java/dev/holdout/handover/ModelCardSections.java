package dev.holdout.handover;

import dev.holdout.base.HoldoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Check "model card": a text model card (Markdown, text or reStructuredText; the first 4 MiB are
 * read) has a heading for each required section: PASS for each found, then FAIL for each missing.
 * A card that is not text WARNs; a card missing from the bundle is the files check's to report.
 */
final class ModelCardSections {
  /** The model card headings required, each found when a heading contains one of its spellings. */
  static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

  static {
    REQUIRED.put("intended use", List.of("intended use", "intended uses", "intended purpose"));
    REQUIRED.put("limitations", List.of("limitation"));
    REQUIRED.put("known failure modes", List.of("failure mode", "known failures"));
    REQUIRED.put("training data", List.of("training data"));
  }

  private ModelCardSections() {}

  static List<Check> check(Manifest.FileRef card) {
    List<Check> out = new ArrayList<>();
    if (card == null || !Files.isRegularFile(card.path())) return out;
    String name = card.written().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt") || name.endsWith(".rst"))) {
      out.add(Check.warn("model card", card.written(), "not a text file, so its sections cannot be checked", "the model card as Markdown"));
      return out;
    }
    String text;
    try (InputStream in = Files.newInputStream(card.path())) {
      text = new String(in.readNBytes(4 << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HoldoutException.BadData(card.path() + ": cannot be read (" + e.getMessage() + ")");
    }
    Set<String> headings = headings(text);
    List<String> missing = new ArrayList<>();
    for (var e : REQUIRED.entrySet()) {
      if (headings.stream().anyMatch(h -> e.getValue().stream().anyMatch(h::contains))) {
        out.add(Check.pass("model card", e.getKey(), "section present"));
      } else {
        missing.add(e.getKey());
      }
    }
    for (String s : missing) {
      out.add(Check.fail("model card", s, "no '" + s + "' section (a heading) in " + card.written(), "a '" + s + "' section in the model card"));
    }
    return out;
  }

  /** The headings of a Markdown text in lower case: ATX ({@code # Title}) and setext (a line underlined with === or ---). */
  static Set<String> headings(String text) {
    Set<String> headings = new LinkedHashSet<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("#")) headings.add(line.replaceFirst("^#+", "").strip().toLowerCase(Locale.ROOT));
      if (i + 1 < lines.length && !line.isEmpty() && lines[i + 1].strip().matches("(=+|-+)")) headings.add(line.toLowerCase(Locale.ROOT));
    }
    return headings;
  }
}
