package dev.holdout.suite;

import dev.holdout.script.Script;
import dev.holdout.script.ScriptException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code script:} assertion: compiled when the suite is read (its names checked against the
 * evaluation set's header when the file can be read), with an optional {@code timeout_ms} per row
 * (default {@link Script#DEFAULT_TIMEOUT_MS}, at most 10,000).
 */
final class ScriptChecks {
  private ScriptChecks() {}

  static Suite.Assertion parse(String id, YamlCursor m, YamlCursor v, List<String> header) {
    if (!(v.node() instanceof YamlNode.Scalar sc) || sc.kind() != YamlNode.Scalar.Kind.STRING) {
      throw v.error("give the check as text, e.g. script: \"contains(lower(answer), lower(city)) && len(answer) < 400\"");
    }
    long timeout = m.has("timeout_ms") ? m.get("timeout_ms").integer(1, 10_000) : Script.DEFAULT_TIMEOUT_MS;
    try {
      Script s = Script.compile(v.text(), new LinkedHashSet<>(header), timeout);
      return new Suite.Assertion(id, Suite.Assertion.Kind.SCRIPT, v.text(), null, 0, m.line(), null, s.columns(), s);
    } catch (ScriptException e) {
      throw v.errorWithColumn(e.getMessage());
    }
  }
}
