package dev.holdout.engagement;

import dev.holdout.base.HoldoutException;
import dev.holdout.suite.YamlCursor;
import dev.holdout.suite.YamlReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A suite's {@code framing} and {@code engagement} sections, read from the suite file beside the
 * suite parser (which only accepts the keys), as {@code monitor} is. {@code terms} is null without
 * an engagement section.
 */
public record SuiteEngagement(Framing framing, Terms terms) {

  /** Reads both sections of the suite at {@code suiteFile}; a malformed section throws naming the line. */
  public static SuiteEngagement of(Path suiteFile) {
    try {
      return of(suiteFile.toString(), Files.readString(suiteFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new HoldoutException.BadSuite(suiteFile + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Reads both sections of suite YAML text; {@code file} names it in messages. */
  public static SuiteEngagement of(String file, String yaml) {
    YamlCursor top = YamlCursor.root(file, YamlReader.read(file, new StringReader(yaml)), HoldoutException.BadSuite::new).mapping("the suite");
    return new SuiteEngagement(Framing.read(top), Terms.read(top));
  }
}
