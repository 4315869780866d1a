package dev.holdout.plan;

import dev.holdout.base.Format;
import dev.holdout.evaluation.EvaluationSet;
import dev.holdout.metric.Task;
import dev.holdout.result.PlanReport;
import dev.holdout.suite.Suite;

/**
 * What the plan knows of the rows to come: the evaluation set's positive rate (binary), its rows
 * and groups; without an evaluation set, half the rows positive unless told. With data.group each
 * group is simulated as one row, as if all its rows were right or wrong together: the groups the
 * plan asks for are then an upper bound, since groups whose rows vary independently carry more.
 */
record Population(String source, Long rows, Long groups, double positiveRate, String groupColumn, String note) {
  static Population of(Suite suite, EvaluationSet eval, Double positiveRate) {
    String group = suite.data().group();
    String source = eval == null ? "none" : eval.path().getFileName().toString();
    Long rows = eval == null ? null : (long) eval.rows();
    Long groups = eval == null || group == null ? null : eval.units();
    double rate = Double.NaN;
    StringBuilder note = new StringBuilder();
    if (suite.task() == Task.BINARY_CLASSIFICATION) {
      if (positiveRate != null) {
        rate = positiveRate;
        note.append("positive rate ").append(Format.percent(rate)).append(" as given by --positive-rate");
      } else if (eval != null && eval.positiveRate() > 0 && eval.positiveRate() < 1) {
        rate = eval.positiveRate();
        note.append("positive rate ").append(Format.percent(rate)).append(" from ").append(source);
      } else {
        rate = 0.5;
        note.append(eval == null ? "no evaluation set at data.path (" + suite.data().path().getFileName() + ")" : source + " has one label only")
            .append(": half the rows assumed positive; give --positive-rate to plan for another rate");
      }
    } else if (eval == null) {
      note.append("no evaluation set at data.path (").append(suite.data().path().getFileName()).append("): the model needs none for this task");
    }
    if (group != null) {
      if (note.length() > 0) note.append("; ");
      note.append("data.group '").append(group).append("': each group simulated as one row (as if its rows were right or wrong together), "
          + "so the groups needed are an upper bound");
      if (rows != null && groups != null && groups > 0) {
        note.append("; ").append(source).append(" has ").append(Format.number((double) rows / groups)).append(" rows per group");
      }
    }
    return new Population(source, rows, groups, rate, group, note.length() == 0 ? null : note.toString());
  }

  /** "rows", or "groups of 'question'". */
  String unit() {
    return groupColumn == null ? "rows" : "groups of '" + groupColumn + "'";
  }

  String unitNoun() {
    return groupColumn == null ? "labeled rows" : "groups";
  }

  PlanReport.Population report() {
    return new PlanReport.Population(source, rows, groups, Double.isNaN(positiveRate) ? null : positiveRate, note);
  }
}
