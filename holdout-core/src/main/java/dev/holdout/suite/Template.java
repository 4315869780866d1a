package dev.holdout.suite;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's text templates ({@code prompt.template}, {@code prompt.request}'s values,
 * {@code judge.input}): {@code {name}} stands for a value, usually a column of the evaluation set.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private Template() {}

  /** The names {@code template} uses, each once, in order of first use. */
  public static Set<String> names(String template) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** {@code template} with each {@code {name}} replaced by {@code value.apply(name)}, or by nothing where that is null. */
  public static String render(String template, Function<String, String> value) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = value.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
