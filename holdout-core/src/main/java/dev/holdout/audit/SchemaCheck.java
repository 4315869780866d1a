package dev.holdout.audit;

import java.util.List;
import java.util.Locale;

/**
 * Findings on the two files' columns: evaluation columns the training file lacks (a warning: a model
 * cannot use a column it never saw), training columns the evaluation set lacks (info), and shared
 * columns whose inferred type differs (a warning). The label is expected in the evaluation set only.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * Checks the headers {@code eval} and {@code train} and the {@code common} columns' types in each
   * ({@code evalTypes}, {@code trainTypes}, in the order of {@code common}).
   */
  static void check(List<String> eval, List<String> train, String label, List<String> common, List<ColumnType> evalTypes,
      List<ColumnType> trainTypes, Findings out) {
    List<String> onlyEval = eval.stream().filter(h -> !train.contains(h) && !h.equals(label)).toList();
    List<String> onlyTrain = train.stream().filter(h -> !eval.contains(h)).toList();
    if (!onlyEval.isEmpty()) {
      out.add(Severity.WARNING, "schema.missing_in_train", null, "columns in the evaluation set but not in the training file: " + onlyEval, List.of(),
          "agree the input columns with the vendor; a model cannot use a column it never saw");
    }
    if (!onlyTrain.isEmpty()) {
      out.add(Severity.INFO, "schema.missing_in_eval", null, "columns in the training file but not in the evaluation set: " + onlyTrain, List.of(),
          "check the model does not need them");
    }
    for (int k = 0; k < common.size(); k++) {
      ColumnType et = evalTypes.get(k);
      ColumnType tt = trainTypes.get(k);
      if (et != tt && et != ColumnType.EMPTY && tt != ColumnType.EMPTY) {
        out.add(Severity.WARNING, "schema.type_differs", common.get(k), "column '" + common.get(k) + "' is " + tt.name().toLowerCase(Locale.ROOT)
            + " in the training file but " + et.name().toLowerCase(Locale.ROOT) + " in the evaluation set", List.of(), "make the two exports agree");
      }
    }
  }
}
