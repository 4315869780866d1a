package dev.holdout.server.ui;

import static dev.holdout.server.ui.Shell.esc;

import dev.holdout.base.Format;
import dev.holdout.server.api.Api;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.submission.Submission;
import dev.holdout.server.submission.Submissions;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteParser;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor's pages. Each renders only the maps the vendor's own API calls answer with
 * ({@link Api#projectView}, {@link Submission#forVendor}, {@link Leaderboard#view} for this
 * vendor), never a project, submission or report record directly, so a page cannot show what the
 * API would not: no row counts per part, no private figure, no other vendor's submission. The one
 * figure the page adds, the quota left today, is counted from the vendor's own submissions.
 */
final class VendorPages {
  private final Projects projects;
  private final Submissions submissions;
  private final Leaderboard leaderboard;

  VendorPages(Projects projects, Submissions submissions, Leaderboard leaderboard) {
    this.projects = projects;
    this.submissions = submissions;
    this.leaderboard = leaderboard;
  }

  void projects(Context ctx, Sessions.Session s) {
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Vendor", "Your projects", "The projects you are invited to. Download each one's inputs, upload predictions, and watch the leaderboard.");
    b.append("<section class=\"card\">");
    List<List<String>> rows = new ArrayList<>();
    for (Project p : projects.visibleTo(s.who())) {
      Map<String, Object> v = Api.projectView(p, s.who());
      rows.add(List.of(Shell.link("/projects/" + v.get("id"), v.get("name")), Shell.badge(v.get("status")),
          v.get("rows") instanceof Number n ? esc(Format.count(n.longValue())) : "–", esc(v.get("daily_quota"))));
    }
    Shell.table(b, "Projects", List.of("Project", "State", "#Input rows", "#Submissions per day"), rows, "projects");
    b.append("</section>\n");
    OwnerPages.send(ctx, 200, Shell.page("Your projects", s, b));
  }

  void project(Context ctx, Sessions.Session s, Map<String, String> errors, int status) {
    Project p = projects.get(ctx.pathParam("project"));
    Map<String, Object> v = Api.projectView(p, s.who());
    String yaml = (String) v.get("suite");
    Suite suite = SuiteParser.parse("suite.yaml", yaml, projects.folder(p.id()));
    List<Map<String, Object>> mine = submissions.list(s.who(), p.id()).stream().map(Submission::forVendor).toList();
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Project · " + String.valueOf(v.get("status")).replace('_', ' '), (String) v.get("name"), suite.problem());
    if ("submitted".equals(ctx.queryParam("done"))) {
      b.append(Shell.notice("ok", "Your predictions are stored and queued; the status below changes when they are evaluated (reload the page)."));
    }
    b.append("<section class=\"card\" id=\"rules\"><h2>The contract</h2>");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Task", esc(suite.task().key().replace('_', ' ')));
    f.put("Primary metric", "<code>" + esc(suite.primaryMetric()) + "</code>");
    f.put("Input rows", v.get("rows") instanceof Number n ? esc(Format.count(n.longValue())) : "not yet available");
    long today = mine.stream().filter(m -> LocalDate.ofInstant(Instant.parse((String) m.get("submitted_at")), ZoneOffset.UTC).equals(LocalDate.now(ZoneOffset.UTC))).count();
    int quota = ((Number) v.get("daily_quota")).intValue();
    f.put("Submissions left today (UTC)", "<span id=\"quota-left\">" + Math.max(0, quota - today) + "</span> of " + quota);
    f.put("Largest file", esc(Format.count(((Number) v.get("max_upload_bytes")).longValue())) + " bytes");
    f.put("Leaderboard rule", esc(v.get("ladder")) + (v.get("ladder_step") == null ? "" : ", step " + esc(v.get("ladder_step"))));
    Shell.facts(b, f);
    b.append("<details><summary>The suite (YAML)</summary><pre class=\"yaml\">").append(esc(yaml)).append("</pre></details></section>\n");
    if ("ready".equals(v.get("status"))) {
      b.append("<section class=\"card\" id=\"inputs\"><h2>Inputs</h2><p>The ids and features to predict, without labels. Predict every id.</p><p>")
          .append("<a class=\"button\" href=\"/projects/").append(esc(p.id())).append("/inputs.csv\" download>Download inputs.csv</a></p></section>\n");
      uploadForm(b, s, p.id(), errors);
    }
    b.append("<section class=\"card\" id=\"mine\"><h2>Your submissions</h2>");
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, Object> m : mine) {
      rows.add(List.of(Shell.link("/projects/" + p.id() + "/submissions/" + m.get("id"), m.get("name")), Shell.time(m.get("submitted_at")), Shell.badge(m.get("status")),
          Shell.num(m.get("leaderboard_score")), esc(m.get("error"))));
    }
    Shell.table(b, "Your submissions", List.of("Submission", "Submitted (UTC)", "Status", "#Leaderboard score", "Note"), rows, "mine-table");
    b.append("</section>\n");
    if ("ready".equals(v.get("status"))) {
      b.append("<section class=\"card\" id=\"leaderboard\">");
      leaderboardTable(b, leaderboard.view(s.who(), p));
      b.append("</section>\n");
    }
    OwnerPages.send(ctx, status, Shell.page((String) v.get("name"), s, b));
  }

  private static void uploadForm(StringBuilder b, Sessions.Session s, String project, Map<String, String> errors) {
    b.append("<section class=\"card\" id=\"upload\"><h2>Upload predictions</h2><form method=\"post\" action=\"/projects/").append(esc(project))
        .append("/submissions\" enctype=\"multipart/form-data\" class=\"form upload\">").append(Shell.csrf(s))
        .append("<label for=\"submission-name\">Name (optional)</label><input id=\"submission-name\" name=\"name\" maxlength=\"200\">");
    OwnerPages.fileField(b, "file", "Predictions file", ".csv,.tsv,.jsonl,.parquet", errors, "one row per input id, with the columns the suite's predictions section names");
    b.append("<progress hidden max=\"100\" value=\"0\"></progress><button type=\"submit\">Upload</button></form></section>\n");
  }

  /** The leaderboard map as {@link Leaderboard#view} gives it to this viewer, as a table. */
  static void leaderboardTable(StringBuilder b, Map<String, Object> view) {
    b.append("<h2>Leaderboard</h2><p class=\"lede\"><code>").append(esc(view.get("metric"))).append("</code> on the public part (")
        .append(esc(String.valueOf(view.get("direction")).replace('_', ' '))).append("); ").append(esc(view.get("note"))).append(".</p>");
    List<List<String>> rows = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) view.get("entries");
    for (Map<String, Object> e : entries) {
      rows.add(List.of(e.get("rank") == null ? "–" : esc(e.get("rank")), esc(e.get("vendor")) + (Boolean.TRUE.equals(e.get("you")) ? " <b>(you)</b>" : ""),
          Shell.num(e.get("score")), e.get("submissions") == null ? "–" : esc(e.get("submissions")),
          e.get("last_submission_at") == null ? "–" : Shell.time(e.get("last_submission_at"))));
    }
    Shell.table(b, "Leaderboard", List.of("#Rank", "Vendor", "#Score", "#Submissions", "Last submission (UTC)"), rows, "leaderboard-table");
  }

  void inputs(Context ctx, Sessions.Session s) throws IOException {
    var file = projects.inputs(projects.get(ctx.pathParam("project")));
    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"inputs.csv\"");
    ctx.result(Files.newInputStream(file));
  }

  void upload(Context ctx, Sessions.Session s) throws IOException {
    String project = ctx.pathParam("project");
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null || file.size() == 0) {
      project(ctx, s, Map.of("file", "choose the predictions file"), 400);
      return;
    }
    String name = ctx.formParam("name");
    if (name == null || name.isBlank()) name = file.filename();
    try (InputStream in = file.content()) {
      submissions.upload(s.who(), project, name, OwnerPages.extension(file.filename()), in);
    } catch (ApiException e) {
      project(ctx, s, Map.of("file", e.getMessage()), e.status());
      return;
    }
    ctx.redirect("/projects/" + project + "?done=submitted#mine", HttpStatus.SEE_OTHER);
  }

  void submission(Context ctx, Sessions.Session s) {
    String project = ctx.pathParam("project");
    Map<String, Object> m = submissions.visible(s.who(), project, ctx.pathParam("submission")).forVendor();
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Your submission", String.valueOf(m.get("name")), null);
    b.append("<p>").append(Shell.link("/projects/" + project, "Back to the project")).append("</p><section class=\"card\">");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Status", Shell.badge(m.get("status")));
    f.put("Leaderboard score", Shell.num(m.get("leaderboard_score")));
    if (m.get("error") != null) f.put("Note", esc(m.get("error")));
    f.put("Submitted (UTC)", Shell.time(m.get("submitted_at")));
    f.put("File SHA-256", "<code>" + esc(m.get("sha256")) + "</code> (" + esc(m.get("bytes")) + " bytes)");
    Shell.facts(b, f);
    b.append("</section>\n");
    OwnerPages.send(ctx, 200, Shell.page(String.valueOf(m.get("name")), s, b));
  }
}
