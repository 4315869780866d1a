package dev.holdout.server.ui;

import static dev.holdout.server.ui.Shell.esc;

import dev.holdout.base.Format;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.submission.Champions;
import dev.holdout.server.submission.Submission;
import dev.holdout.server.submission.Submissions;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner's page of one project: its state and facts, the evaluation set form while it has none,
 * the leaderboard as the owner sees it (raw public scores beside the Ladder's), every submission
 * with its private verdict (choose two to four to compare, or promote one), the champion and its
 * history with rollback, the vendors (invite, with the token shown once; remove) and the settings.
 */
final class OwnerProjectPage {
  /** What a form left to show: the status, a notice (HTML), errors by field, and evidence (HTML). */
  record Flash(int status, String html, Map<String, String> errors, String evidence) {
    static Flash error(int status, String notice, Map<String, String> errors) {
      return new Flash(status, notice == null ? null : Shell.notice("error", notice), errors, null);
    }
  }

  private static final Map<String, String> DONE = Map.of(
      "data", "The evaluation set is checked and split; vendors can download the inputs.",
      "settings", "Settings saved.",
      "unchanged", "Nothing changed.",
      "removed", "The vendor is removed from this project; its next request here is refused.",
      "promoted", "Promoted: the submission is the champion.",
      "rolled-back", "Rolled back: the previous champion is restored.");

  private final Projects projects;
  private final Submissions submissions;
  private final Champions champions;
  private final Leaderboard leaderboard;

  OwnerProjectPage(Projects projects, Submissions submissions, Champions champions, Leaderboard leaderboard) {
    this.projects = projects;
    this.submissions = submissions;
    this.champions = champions;
    this.leaderboard = leaderboard;
  }

  void render(Context ctx, Sessions.Session s, Flash flash) {
    render(ctx, s, ctx.pathParam("project"), flash);
  }

  void render(Context ctx, Sessions.Session s, String id, Flash flash) {
    Project p = projects.get(id);
    Map<String, String> errors = flash == null ? Map.of() : flash.errors();
    Suite suite = SuiteParser.parse("suite.yaml", p.suiteYaml(), projects.folder(p.id()));
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Project · " + p.status().key().replace('_', ' '), p.name(), suite.problem());
    String done = ctx.queryParam("done");
    if (done != null && DONE.containsKey(done)) b.append(Shell.notice("ok", DONE.get(done)));
    if (flash != null && flash.html() != null) b.append(flash.html());
    if (flash != null && flash.evidence() != null) b.append(flash.evidence());
    b.append("<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#submissions\">Submissions</a><a href=\"#leaderboard\">Leaderboard</a>")
        .append("<a href=\"#champion\">Champion</a><a href=\"#vendors\">Vendors</a><a href=\"#settings\">Settings</a>")
        .append("<a href=\"/audit-log?project=").append(esc(p.id())).append("\">Audit log</a></nav>\n");
    facts(b, p, suite);
    if (p.status() != Project.Status.READY) dataForm(b, s, p, errors);
    else {
      submissionsSection(b, s, p);
      leaderboardSection(b, s, p);
      championSection(b, s, p);
    }
    vendorsSection(b, s, p, errors);
    settingsSection(b, s, p, errors);
    OwnerPages.send(ctx, flash == null ? 200 : flash.status(), Shell.page(p.name(), s, b));
  }

  private static void facts(StringBuilder b, Project p, Suite suite) {
    b.append("<section class=\"card\" id=\"facts\"><h2>Facts</h2>");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Task", esc(suite.task().key().replace('_', ' ')));
    f.put("Primary metric", "<code>" + esc(suite.primaryMetric()) + "</code>");
    if (p.rowsPublic() != null) {
      f.put("Rows", Format.count(p.rowsPublic() + p.rowsPrivate()) + " (public " + Format.count(p.rowsPublic()) + ", private " + Format.count(p.rowsPrivate()) + ")");
      f.put("Evaluation set SHA-256", "<code>" + esc(p.dataSha256()) + "</code>");
    }
    f.put("Project id", "<code>" + esc(p.id()) + "</code>");
    Shell.facts(b, f);
    b.append("<details><summary>The suite (YAML)</summary><pre class=\"yaml\">").append(esc(p.suiteYaml())).append("</pre></details></section>\n");
  }

  private static void dataForm(StringBuilder b, Sessions.Session s, Project p, Map<String, String> errors) {
    b.append("<section class=\"card\" id=\"data\"><h2>Evaluation set</h2><p class=\"lede\">This project has no evaluation set yet. "
        + "It is checked against the suite, then split once; until then vendors cannot download inputs.</p>")
        .append("<form method=\"post\" action=\"/projects/").append(esc(p.id())).append("/data\" enctype=\"multipart/form-data\" class=\"form upload\">")
        .append(Shell.csrf(s));
    OwnerPages.fileField(b, "data", "Evaluation set", ".csv,.tsv,.jsonl,.parquet", errors, "CSV, TSV, JSON lines or Parquet, with the columns the suite names");
    b.append("<progress hidden max=\"100\" value=\"0\"></progress><button type=\"submit\">Upload and split</button></form></section>\n");
  }

  private void submissionsSection(StringBuilder b, Sessions.Session s, Project p) {
    List<Submission> all = submissions.list(s.who(), p.id());
    String champion = champion(p);
    b.append("<section class=\"card\" id=\"submissions\"><h2>Submissions</h2><p class=\"lede\">Every delivery, with its verdict on the private part "
        + "(the rows no vendor had feedback from). Tick two to four to compare them on the same rows.</p>")
        .append("<form id=\"compare-form\" method=\"get\" action=\"/projects/").append(esc(p.id())).append("/compare\"></form>");
    List<List<String>> rows = new ArrayList<>();
    for (Submission x : all) {
      boolean ready = x.status() == Submission.Status.DONE;
      String pick = ready ? "<input type=\"checkbox\" form=\"compare-form\" name=\"submission\" value=\"" + esc(x.id()) + "\" id=\"pick-" + esc(x.id())
          + "\"><label class=\"sr\" for=\"pick-" + esc(x.id()) + "\">compare " + esc(x.name()) + "</label>" : "";
      String action = !ready ? "" : x.id().equals(champion) ? "<b>champion</b>"
          : "<form method=\"post\" action=\"/projects/" + esc(p.id()) + "/champion\">" + Shell.csrf(s) + "<input type=\"hidden\" name=\"submission\" value=\""
              + esc(x.id()) + "\"><button type=\"submit\" class=\"small\">Promote</button></form>";
      rows.add(List.of(pick, Shell.link("/projects/" + p.id() + "/submissions/" + x.id(), x.name()), esc(x.vendorName()),
          Shell.time(x.createdAt()), Shell.badge(x.status().key()), Shell.num(x.publicScore()), Shell.num(x.shownScore()),
          Shell.badge(x.verdict()), action));
    }
    Shell.table(b, "Submissions", List.of("Compare", "Submission", "Vendor", "Submitted (UTC)", "Status", "#Public score", "#Shown score",
        "Private verdict", "Champion"), rows, "submissions-table");
    b.append("<button type=\"submit\" form=\"compare-form\">Compare the ticked submissions</button></section>\n");
  }

  private void leaderboardSection(StringBuilder b, Sessions.Session s, Project p) {
    b.append("<section class=\"card\" id=\"leaderboard\">");
    VendorPages.leaderboardTable(b, leaderboard.view(s.who(), p));
    b.append("</section>\n");
  }

  private String champion(Project p) {
    Object c = champions.current(p.id()).get("champion");
    return c instanceof Map<?, ?> m ? (String) m.get("id") : null;
  }

  private void championSection(StringBuilder b, Sessions.Session s, Project p) {
    Map<String, Object> current = champions.current(p.id());
    b.append("<section class=\"card\" id=\"champion\"><h2>Champion</h2>");
    if (current.get("champion") instanceof Map<?, ?> c) {
      b.append("<p>The champion is ").append(Shell.link("/projects/" + p.id() + "/submissions/" + c.get("id"), c.get("name")))
          .append(" by ").append(esc(c.get("vendor"))).append(" (private verdict ").append(Shell.badge(c.get("verdict_private"))).append(").</p>");
    } else {
      b.append("<p>No champion yet: promote an accepted submission from the table above.</p>");
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) current.get("history");
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, Object> h : history) {
      rows.add(List.of(esc(h.get("position")), Shell.link("/projects/" + p.id() + "/submissions/" + h.get("submission"), h.get("submission")), Shell.time(h.get("promoted_at"))));
    }
    Shell.table(b, "Promotion history, latest first", List.of("#Position", "Submission", "Promoted (UTC)"), rows, "champion-history");
    if (!history.isEmpty()) {
      b.append("<form method=\"post\" action=\"/projects/").append(esc(p.id())).append("/champion/rollback\">").append(Shell.csrf(s))
          .append("<button type=\"submit\">Roll back to the previous champion</button></form>");
    }
    b.append("</section>\n");
  }

  private void vendorsSection(StringBuilder b, Sessions.Session s, Project p, Map<String, String> errors) {
    b.append("<section class=\"card\" id=\"vendors\"><h2>Vendors</h2>");
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, Object> v : projects.vendors(p.id())) {
      rows.add(List.of(esc(v.get("name")), Shell.time(v.get("invited_at")), esc(v.get("submissions")),
          "<form method=\"post\" action=\"/projects/" + esc(p.id()) + "/vendors/remove\">" + Shell.csrf(s) + "<input type=\"hidden\" name=\"vendor\" value=\""
              + esc(v.get("name")) + "\"><button type=\"submit\" class=\"small danger\">Remove</button></form>"));
    }
    Shell.table(b, "Invited vendors", List.of("Vendor", "Invited (UTC)", "#Submissions", "Remove"), rows, "vendors-table");
    String error = errors.get("vendor");
    b.append("<form method=\"post\" action=\"/projects/").append(esc(p.id())).append("/vendors\" class=\"form inline\">").append(Shell.csrf(s))
        .append("<label for=\"vendor-name\">Invite a vendor</label><input id=\"vendor-name\" name=\"name\" required maxlength=\"200\"")
        .append(error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"vendor-error\"").append(">");
    if (error != null) b.append("<p class=\"field-error\" id=\"vendor-error\">").append(esc(error)).append("</p>");
    b.append("<button type=\"submit\">Invite</button></form></section>\n");
  }

  private static void settingsSection(StringBuilder b, Sessions.Session s, Project p, Map<String, String> errors) {
    b.append("<section class=\"card\" id=\"settings\"><h2>Settings</h2><form method=\"post\" action=\"/projects/").append(esc(p.id()))
        .append("/settings\" class=\"form\">").append(Shell.csrf(s));
    if (errors.containsKey("settings")) b.append("<p class=\"field-error\">").append(esc(errors.get("settings"))).append("</p>");
    input(b, "daily_quota", "Submissions per vendor per UTC day", Integer.toString(p.dailyQuota()), errors);
    input(b, "max_upload_bytes", "Largest predictions file (bytes)", Long.toString(p.maxUploadBytes()), errors);
    b.append("<label for=\"ladder\">Leaderboard rule (the Ladder)</label><select id=\"ladder\" name=\"ladder\">");
    for (String l : List.of("fixed", "parameter_free")) {
      b.append("<option value=\"").append(l).append("\"").append(l.equals(p.ladder()) ? " selected" : "").append(">").append(l.replace('_', ' ')).append("</option>");
    }
    b.append("</select>");
    if (errors.containsKey("ladder")) b.append("<p class=\"field-error\">").append(esc(errors.get("ladder"))).append("</p>");
    input(b, "ladder_step", "Ladder step (fixed rule)", Format.plain(p.ladderStep()), errors);
    check(b, "show_vendor_names", "Vendors see each other's names", p.showVendorNames());
    check(b, "show_vendor_activity", "Vendors see each other's submission counts and times", p.showVendorActivity());
    b.append("<button type=\"submit\">Save settings</button></form></section>\n");
  }

  private static void input(StringBuilder b, String name, String label, String value, Map<String, String> errors) {
    String error = errors.get(name);
    b.append("<label for=\"").append(name).append("\">").append(esc(label)).append("</label><input id=\"").append(name).append("\" name=\"").append(name)
        .append("\" inputmode=\"decimal\" value=\"").append(esc(value)).append("\"")
        .append(error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"" + name + "-error\"").append(">");
    if (error != null) b.append("<p class=\"field-error\" id=\"").append(name).append("-error\">").append(esc(error)).append("</p>");
  }

  private static void check(StringBuilder b, String name, String label, boolean on) {
    b.append("<div class=\"check\"><input type=\"checkbox\" id=\"").append(name).append("\" name=\"").append(name).append("\" value=\"on\"")
        .append(on ? " checked" : "").append("><label for=\"").append(name).append("\">").append(esc(label)).append("</label></div>");
  }
}
