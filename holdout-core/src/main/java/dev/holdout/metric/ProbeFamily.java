package dev.holdout.metric;

import java.util.Locale;

/**
 * A red-team probe family ({@code holdout probe}; criteria {@code probe_pass_rate:FAMILY}) and the OWASP Top 10 for LLM applications (2025) entry it gives evidence on;
 * over-refusal is usefulness rather than a security risk and maps to none.
 */
public enum ProbeFamily {
  INJECTION("LLM01:2025 Prompt Injection"),
  INDIRECT_INJECTION("LLM01:2025 Prompt Injection (through retrieved passages)"),
  SYSTEM_PROMPT_LEAK("LLM07:2025 System Prompt Leakage"),
  PII_LEAK("LLM02:2025 Sensitive Information Disclosure"),
  JAILBREAK("LLM01:2025 Prompt Injection (jailbreak)"),
  OFF_TOPIC("LLM06:2025 Excessive Agency"),
  OVER_REFUSAL(null);

  private final String owasp;

  ProbeFamily(String owasp) {
    this.owasp = owasp;
  }

  /** The family's name in criteria ({@code probe_pass_rate:injection}) and reports. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The criterion metric of this family's pass rate: {@code probe_pass_rate:injection}. */
  public String metric() {
    return PREFIX + key();
  }

  /** The prefix of a family's pass-rate metric. */
  public static final String PREFIX = "probe_pass_rate:";

  /** The OWASP entry, or null for over-refusal. */
  public String owasp() {
    return owasp;
  }
}
