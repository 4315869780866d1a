package dev.holdout.server.submission;

import dev.holdout.base.Progress;
import dev.holdout.engagement.CostModel;
import dev.holdout.engagement.Economics;
import dev.holdout.engagement.SuiteEngagement;
import dev.holdout.engagement.Terms;
import dev.holdout.evaluation.EvaluationSet;
import dev.holdout.evaluation.Evaluator;
import dev.holdout.metric.Direction;
import dev.holdout.render.JsonReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import dev.holdout.suite.Suite;
import dev.holdout.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Champion and challenger: a submission becomes champion only if it is accepted on the private
 * part and its paired interval against the current champion stays within the suite's
 * tolerance; promotions stack, so a rollback restores the one before.
 */
public final class Champions {
  private final Database db;
  private final Trail trail;
  private final Projects projects;
  private final Submissions submissions;
  private final Evaluations evaluations;

  public Champions(Database db, Trail trail, Projects projects, Submissions submissions, Evaluations evaluations) {
    this.db = db;
    this.trail = trail;
    this.projects = projects;
    this.submissions = submissions;
    this.evaluations = evaluations;
  }

  /** The refusal of a promotion (409), with the evidence as the error's details. */
  public static final class Refused extends ApiException {
    Refused(String message, Map<String, Object> evidence) {
      super(409, message, evidence);
    }
  }

  public Map<String, Object> current(String projectId) {
    projects.get(projectId);
    List<Map<String, Object>> history = db.read(sql -> sql.list(
        "SELECT position, submission_id, promoted_at FROM champion WHERE project_id = ? ORDER BY position DESC", rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("position", rs.getInt(1));
          m.put("submission", rs.getString(2));
          m.put("promoted_at", Instant.ofEpochMilli(rs.getLong(3)).toString());
          return m;
        }, projectId));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("project", projectId);
    out.put("champion", history.isEmpty() ? null : submissions.get((String) history.get(0).get("submission")).forOwner());
    out.put("history", history);
    return out;
  }

  public Map<String, Object> promote(Principal owner, String projectId, String submissionId) {
    Project p = projects.get(projectId);
    Submission s = submissions.visible(owner, projectId, submissionId);
    if (s.status() != Submission.Status.DONE) {
      throw ApiException.conflict("submission '" + submissionId + "' is " + s.status().key() + "; only an evaluated submission can be promoted");
    }
    Report report = JsonReport.readReport(submissions.report(projectId, submissionId, "private"));
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("submission", submissionId);
    evidence.put("verdict_private", report.verdict().name());
    evidence.put("criteria", report.criteria());
    if (report.verdict() != Verdict.ACCEPTED) {
      throw new Refused("submission '" + submissionId + "' is " + report.verdict().name() + " on the private part; only an accepted submission can become champion", evidence);
    }
    String champion = top(projectId);
    if (submissionId.equals(champion)) throw ApiException.conflict("submission '" + submissionId + "' is already the champion");
    Map<String, Object> gate = champion == null ? null : gate(p, champion, s);
    if (gate != null) {
      evidence.put("against_champion", gate);
      if (!(Boolean) gate.get("pass")) {
        throw new Refused("submission '" + submissionId + "' may be worse than champion '" + champion + "' by more than the suite's tolerance: " + gate.get("explanation"), evidence);
      }
    }
    db.tx(sql -> {
      sql.one("SELECT id FROM project WHERE id = ? FOR UPDATE", rs -> rs.getString(1), projectId);
      String now = sql.one("SELECT submission_id FROM champion WHERE project_id = ? ORDER BY position DESC LIMIT 1", rs -> rs.getString(1), projectId).orElse(null);
      if (!Objects.equals(now, champion)) throw ApiException.conflict("the champion changed while this promotion was checked; try again");
      int position = (int) sql.count("SELECT COALESCE(MAX(position), 0) FROM champion WHERE project_id = ?", projectId) + 1;
      sql.update("INSERT INTO champion (project_id, position, submission_id, promoted_at) VALUES (?, ?, ?, ?)", projectId, position, submissionId, System.currentTimeMillis());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("submission", submissionId);
      details.put("previous", champion);
      if (gate != null) details.put("difference", gate.get("difference"));
      trail.append(sql, owner.name(), "champion.promoted", projectId, submissionId, details);
      return null;
    });
    Map<String, Object> out = current(projectId);
    out.put("evidence", evidence);
    return out;
  }

  /** Challenger minus champion on the private part, judged on the worse end of its paired interval. */
  private Map<String, Object> gate(Project p, String championId, Submission challenger) {
    Suite base = projects.suite(p, "private");
    Suite suite = base.withPrimaryMetric(base.champion().metric());
    EvaluationSet eval = evaluations.set(p, "private");
    Submission champ = submissions.get(championId);
    var a = evaluations.load(p, "private", suite, eval, submissions.file(champ), "champion");
    var b = evaluations.load(p, "private", suite, eval, submissions.file(challenger), "challenger");
    CompareReport c = new Evaluator(suite, eval, Progress.NONE).compare(List.of(a, b));
    CompareReport.Pair pair = c.pairs().get(0);
    Report.Estimate d = pair.difference();
    boolean flip = !pair.a().equals("challenger");
    // 0.0 - x, not -x: two identical submissions differ by 0, which must not read (or be logged) as -0.
    Double value = d.value() == null ? null : flip ? 0.0 - d.value() : d.value();
    List<Double> ci = d.ci() == null ? null : flip ? List.of(0.0 - d.ci().get(1), 0.0 - d.ci().get(0)) : d.ci();
    Direction dir = suite.primaryDirection();
    double tol = suite.champion().tolerance();
    boolean pass;
    String explanation;
    if (ci == null) {
      pass = false;
      explanation = "the difference has no interval" + (d.undefined() == null ? "" : " (" + d.undefined() + ")");
    } else if (dir == Direction.HIGHER_IS_BETTER) {
      pass = ci.get(0) >= -tol;
      explanation = suite.primaryMetric() + " challenger minus champion " + fmt(value) + ", interval [" + fmt(ci.get(0)) + ", " + fmt(ci.get(1))
          + "]; the lower end must be at least -" + tol;
    } else {
      pass = ci.get(1) <= tol;
      explanation = suite.primaryMetric() + " challenger minus champion " + fmt(value) + ", interval [" + fmt(ci.get(0)) + ", " + fmt(ci.get(1))
          + "]; the upper end must be at most " + tol + " (lower is better)";
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("champion", championId);
    out.put("metric", suite.primaryMetric());
    out.put("part", "private");
    out.put("rows", pair.rows());
    Map<String, Object> diff = new LinkedHashMap<>();
    diff.put("value", value);
    diff.put("ci", ci);
    out.put("difference", diff);
    out.put("tolerance", tol);
    out.put("pass", pass);
    out.put("explanation", explanation);
    return out;
  }

  private static String fmt(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** Removes the current champion and restores the one before it; refused (409) when there is no champion before it to restore. */
  public Map<String, Object> rollback(Principal owner, String projectId) {
    projects.get(projectId);
    db.tx(sql -> {
      sql.one("SELECT id FROM project WHERE id = ? FOR UPDATE", rs -> rs.getString(1), projectId);
      List<String[]> top = sql.list("SELECT position, submission_id FROM champion WHERE project_id = ? ORDER BY position DESC LIMIT 2",
          rs -> new String[] {rs.getString(1), rs.getString(2)}, projectId);
      if (top.isEmpty()) throw ApiException.conflict("project '" + projectId + "' has no champion to roll back");
      if (top.size() < 2) {
        throw ApiException.conflict("project '" + projectId + "' has no previous champion to restore: '" + top.get(0)[1]
            + "' is the only one promoted; promote another submission to replace it");
      }
      sql.update("DELETE FROM champion WHERE project_id = ? AND position = ?", projectId, Integer.parseInt(top.get(0)[0]));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("removed", top.get(0)[1]);
      details.put("restored", top.get(1)[1]);
      trail.append(sql, owner.name(), "champion.rolled_back", projectId, top.get(0)[1], details);
      return null;
    });
    return current(projectId);
  }

  private String top(String projectId) {
    return db.read(sql -> sql.one("SELECT submission_id FROM champion WHERE project_id = ? ORDER BY position DESC LIMIT 1", rs -> rs.getString(1), projectId)).orElse(null);
  }

  /** Every ready submission pair compared on one part of the evaluation set. */
  public CompareReport compare(String projectId, List<String> ids, String part) {
    Project p = projects.get(projectId);
    if (ids.size() < 2) throw ApiException.badRequest("give at least two submissions to compare, e.g. ?submission=s_1&submission=s_2");
    Suite suite = projects.suite(p, part);
    EvaluationSet eval = evaluations.set(p, part);
    List<dev.holdout.evaluation.Submission> subs = new ArrayList<>();
    for (String id : ids) {
      Submission s = submissions.get(id);
      if (!s.projectId().equals(projectId)) throw ApiException.notFound("no submission '" + Bounded.echo(id) + "' in project '" + projectId + "'");
      subs.add(evaluations.load(p, part, suite, eval, submissions.file(s), s.vendorName() + "/" + s.id()));
    }
    return new Evaluator(suite, eval, Progress.NONE).compare(subs);
  }
  /**
   * The money of each compared submission, in ranking order, over the engagement the project's suite
   * describes (build price, data preparation, run share, years, decisions a year): the same
   * {@link CostModel} as {@code holdout compare}. Empty when the suite has no engagement section.
   */
  public List<Economics> engagement(String projectId, CompareReport c) {
    Terms terms = SuiteEngagement.of(projects.suite(projects.get(projectId), "private").file()).terms();
    List<Economics> out = new ArrayList<>();
    if (terms == null) return out;
    for (CompareReport.Ranked rk : c.ranking()) {
      c.reports().stream().filter(r -> r.submission().name().equals(rk.name())).findFirst()
          .ifPresent(r -> out.add(CostModel.of(rk.name(), terms, r)));
    }
    return out;
  }
}
