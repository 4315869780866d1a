package dev.holdout.engagement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regulatory and standards clauses an evidence pack serves, with what each asks for in a short
 * paraphrase (read the texts themselves before relying on them): Regulation (EU) 2024/1689 (the AI
 * Act) article 15 and Annex IV, the NIST AI Risk Management Framework 1.0 (NIST AI 100-1, 2023)
 * MEASURE subcategories, and ISO/IEC 42001:2023 Annex A controls. {@link #SERVES} says which pack
 * item serves which clause.
 */
public final class Clauses {
  /** Clause id to what it asks for. */
  public static final Map<String, String> ASKS = new LinkedHashMap<>();
  /** Pack item (by its key) to the clause ids it serves. */
  public static final Map<String, List<String>> SERVES = new LinkedHashMap<>();

  public static final String ART_15_1 = "EU AI Act art. 15(1)";
  public static final String ART_15_3 = "EU AI Act art. 15(3)";
  public static final String ANNEX_IV_2G = "EU AI Act Annex IV 2(g)";
  public static final String ANNEX_IV_3 = "EU AI Act Annex IV 3";
  public static final String ANNEX_IV_9 = "EU AI Act Annex IV 9";
  public static final String MEASURE_1_3 = "NIST AI RMF MEASURE 1.3";
  public static final String MEASURE_2_1 = "NIST AI RMF MEASURE 2.1";
  public static final String MEASURE_2_3 = "NIST AI RMF MEASURE 2.3";
  public static final String MEASURE_2_4 = "NIST AI RMF MEASURE 2.4";
  public static final String A_6_2_4 = "ISO/IEC 42001 A.6.2.4";
  public static final String A_6_2_6 = "ISO/IEC 42001 A.6.2.6";

  static {
    ASKS.put(ART_15_1, "an appropriate level of accuracy and robustness, performing consistently");
    ASKS.put(ART_15_3, "the levels of accuracy and the accuracy metrics declared in the instructions for use");
    ASKS.put(ANNEX_IV_2G, "the validation and testing procedures, the test data and its main characteristics, the metrics, test logs and "
        + "dated, signed test reports");
    ASKS.put(ANNEX_IV_3, "the expected accuracy, overall and for specific groups of persons, and the system's limitations");
    ASKS.put(ANNEX_IV_9, "the system to evaluate performance after release: the post-market monitoring plan");
    ASKS.put(MEASURE_1_3, "assessments by people who did not develop the system (internal experts or independent assessors)");
    ASKS.put(MEASURE_2_1, "test sets, metrics and the tools used in test, evaluation, verification and validation documented");
    ASKS.put(MEASURE_2_3, "performance criteria measured for conditions like deployment, and the measures documented");
    ASKS.put(MEASURE_2_4, "the system's functionality and behaviour monitored in production");
    ASKS.put(A_6_2_4, "AI system verification and validation measures defined, with criteria for their use");
    ASKS.put(A_6_2_6, "AI system operation and monitoring: what is monitored, repairs, updates and support");

    SERVES.put("suite", List.of(ART_15_3, ANNEX_IV_2G, MEASURE_2_1, MEASURE_2_3, A_6_2_4));
    SERVES.put("annex", List.of(ART_15_3, ANNEX_IV_2G, ANNEX_IV_9, MEASURE_2_4, A_6_2_4, A_6_2_6));
    SERVES.put("report", List.of(ART_15_1, ART_15_3, ANNEX_IV_2G, ANNEX_IV_3, MEASURE_1_3, MEASURE_2_1, MEASURE_2_3, A_6_2_4));
    SERVES.put("audit", List.of(ANNEX_IV_2G, MEASURE_2_1, A_6_2_4));
    SERVES.put("judge", List.of(ANNEX_IV_2G, MEASURE_1_3, MEASURE_2_1, A_6_2_4));
    SERVES.put("handover", List.of(ANNEX_IV_2G, MEASURE_1_3, MEASURE_2_1, A_6_2_4));
    SERVES.put("monitoring", List.of(ANNEX_IV_9, MEASURE_2_4, A_6_2_6));
    SERVES.put("fingerprints", List.of(ANNEX_IV_2G, MEASURE_2_1, A_6_2_4));
  }

  private Clauses() {}
}
