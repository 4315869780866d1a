package dev.holdout.suite;

import dev.holdout.base.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Assertion values that name the row's columns: {@code contains: "{answer}"} checks each answer
 * against its own row's value. In {@code regex:} a filled-in value is quoted ({@link Pattern#quote}),
 * so a value such as "5.00 (net)" matches itself and never acts as regex syntax; a name of digits
 * only ({@code \d{3}}) is the regex quantifier, not a column. Names are checked against the
 * evaluation set's header when the suite is read, so a misspelt column stops the suite with the
 * line and column of the value.
 */
public final class RowTemplates {
  private RowTemplates() {}

  /** The columns {@code value} names; in a regex, {@code {3}} is a quantifier and not a name. */
  public static List<String> columns(String value, boolean regex) {
    List<String> out = new ArrayList<>();
    for (String name : Template.names(value)) if (!(regex && quantifier(name))) out.add(name);
    return List.copyOf(out);
  }

  /** {@code value} with each named column replaced by {@code cell}'s value; in a regex quoted, quantifiers left as written. */
  public static String fill(String value, boolean regex, Function<String, String> cell) {
    return Template.render(value, name -> {
      if (regex && quantifier(name)) return "{" + name + "}";
      String v = cell.apply(name);
      if (v == null) v = "";
      return regex ? Pattern.quote(v) : v;
    });
  }

  /** The assertion's pattern for one row: compiled once when it names no column, else per row. */
  public static Pattern pattern(Suite.Assertion a, Function<String, String> cell) {
    return a.columns().isEmpty() ? a.regex() : Pattern.compile(fill(a.value(), true, cell));
  }

  private static boolean quantifier(String name) {
    return name.chars().allMatch(Character::isDigit);
  }

  /**
   * Checks the columns {@code v}'s value names against the evaluation set's header (empty when the
   * file could not be read while parsing: the columns are checked again when it is loaded), and a
   * templated regex's syntax with a stand-in value.
   */
  static List<String> check(YamlCursor v, String value, boolean regex, List<String> header, String dataFile) {
    List<String> names = columns(value, regex);
    if (!header.isEmpty()) {
      for (String name : names) {
        if (!header.contains(name)) {
          throw v.errorWithColumn("{" + name + "} is not a column of " + dataFile + Names.didYouMean(name, header) + " (columns: " + header + ")");
        }
      }
    }
    if (regex && !names.isEmpty()) {
      try {
        Pattern.compile(fill(value, true, n -> "x"));
      } catch (PatternSyntaxException e) {
        throw v.error("not a valid regular expression once the row's values are filled in (" + e.getDescription() + ")");
      }
    }
    return names;
  }
}
