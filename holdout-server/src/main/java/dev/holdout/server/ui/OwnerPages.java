package dev.holdout.server.ui;

import static dev.holdout.server.ui.Shell.esc;

import dev.holdout.base.Format;
import dev.holdout.base.HoldoutException;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.submission.Evaluations;
import dev.holdout.server.trail.Trail;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The owner's pages outside a project (the project list, a new project, the audit log) and the
 * forms that change a project (its evaluation set, settings, vendors, champion), each answered by
 * a redirect to the project page on success and by the page with the error beside its field
 * otherwise. The project page itself is {@link OwnerProjectPage}; reports and comparisons are
 * {@link ReportPages}.
 */
final class OwnerPages {
  private final Database db;
  private final Trail trail;
  private final Projects projects;
  private final Evaluations evaluations;
  private final OwnerProjectPage projectPage;
  private final ReportPages reports;

  OwnerPages(Database db, Trail trail, Projects projects, Evaluations evaluations, OwnerProjectPage projectPage, ReportPages reports) {
    this.db = db;
    this.trail = trail;
    this.projects = projects;
    this.evaluations = evaluations;
    this.projectPage = projectPage;
    this.reports = reports;
  }

  void projects(Context ctx, Sessions.Session s) {
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Owner", "Projects", "Each project is a suite and its hidden evaluation set; vendors are invited per project.");
    b.append("<p>").append("<a class=\"button\" href=\"/projects/new\">New project</a>").append("</p>\n<section class=\"card\">");
    List<List<String>> rows = new ArrayList<>();
    for (Project p : projects.visibleTo(s.who())) {
      rows.add(List.of(Shell.link("/projects/" + p.id(), p.name()), Shell.badge(p.status().key()),
          p.rowsPublic() == null ? "–" : esc(Format.count(p.rowsPublic() + p.rowsPrivate())), Shell.time(p.createdAt()),
          "<code>" + esc(p.id()) + "</code>"));
    }
    Shell.table(b, "Projects", List.of("Project", "State", "#Rows", "Created (UTC)", "Id"), rows, "projects");
    b.append("</section>\n");
    send(ctx, 200, Shell.page("Projects", s, b));
  }

  /** The new-project form; {@code errors} maps a field (suite, data) to its message. */
  void newProject(Context ctx, Sessions.Session s, Map<String, String> errors, String notice, int status) {
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Owner", "New project", "Upload the suite (the contract, YAML) and the labeled evaluation set it names. "
        + "The set is checked as holdout evaluate checks it, then split once into a public and a private part.");
    if (notice != null) b.append(Shell.notice("error", notice));
    b.append("<section class=\"card narrow\"><form method=\"post\" action=\"/projects\" enctype=\"multipart/form-data\" class=\"form upload\">")
        .append(Shell.csrf(s));
    fileField(b, "suite", "Suite (YAML)", ".yaml,.yml", errors, "holdout.suite/v1, as for holdout evaluate");
    fileField(b, "data", "Evaluation set", ".csv,.tsv,.jsonl,.parquet", errors, "CSV, TSV, JSON lines or Parquet, with the id, label and slice columns the suite names");
    b.append("<progress hidden max=\"100\" value=\"0\"></progress><button type=\"submit\">Create project</button></form></section>\n");
    send(ctx, status, Shell.page("New project", s, b));
  }

  static void fileField(StringBuilder b, String name, String label, String accept, Map<String, String> errors, String hint) {
    String error = errors == null ? null : errors.get(name);
    b.append("<label for=\"").append(name).append("\">").append(esc(label)).append("</label>")
        .append("<p class=\"hint\" id=\"").append(name).append("-hint\">").append(esc(hint)).append("</p>")
        .append("<input type=\"file\" id=\"").append(name).append("\" name=\"").append(name).append("\" accept=\"").append(accept).append("\" required")
        .append(" aria-describedby=\"").append(name).append("-hint").append(error == null ? "" : " " + name + "-error").append("\"")
        .append(error == null ? "" : " aria-invalid=\"true\"").append(">");
    if (error != null) b.append("<p class=\"field-error\" id=\"").append(name).append("-error\">").append(esc(error)).append("</p>");
  }

  void create(Context ctx, Sessions.Session s) throws IOException {
    UploadedFile suite = ctx.uploadedFile("suite");
    UploadedFile data = ctx.uploadedFile("data");
    if (suite == null || suite.size() == 0) {
      newProject(ctx, s, Map.of("suite", "choose the suite's YAML file"), null, 400);
      return;
    }
    if (suite.size() > 1 << 20) {
      newProject(ctx, s, Map.of("suite", suite.filename() + " is larger than 1 MiB; a suite is a short YAML file"), null, 413);
      return;
    }
    String yaml;
    try (InputStream in = suite.content()) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Project p;
    try {
      p = projects.create(s.who(), yaml);
    } catch (ApiException e) {
      newProject(ctx, s, Map.of("suite", named(suite.filename(), e.getMessage())), null, e.status());
      return;
    }
    if (data == null || data.size() == 0) {
      projectPage.render(ctx, s, OwnerProjectPage.Flash.error(400, "The project was created from the suite; now upload its evaluation set.",
          Map.of("data", "choose the evaluation set file")));
      return;
    }
    receiveData(ctx, s, p.id(), data, "The project was created from the suite, but its evaluation set was refused; upload a corrected file here.");
  }

  void uploadData(Context ctx, Sessions.Session s) {
    UploadedFile data = ctx.uploadedFile("data");
    if (data == null || data.size() == 0) {
      projectPage.render(ctx, s, OwnerProjectPage.Flash.error(400, null, Map.of("data", "choose the evaluation set file")));
      return;
    }
    receiveData(ctx, s, ctx.pathParam("project"), data, null);
  }

  private void receiveData(Context ctx, Sessions.Session s, String id, UploadedFile data, String notice) {
    try (InputStream in = data.content()) {
      Project p = projects.uploadData(s.who(), id, in, extension(data.filename()));
      evaluations.warm(p);
    } catch (ApiException e) {
      projectPage.render(ctx, s, id, OwnerProjectPage.Flash.error(e.status(), notice, Map.of("data", named(data.filename(), e.getMessage()))));
      return;
    } catch (IOException e) {
      throw new HoldoutException(data.filename() + " could not be read (" + e.getMessage() + "); upload it again");
    }
    ctx.redirect("/projects/" + id + "?done=data", HttpStatus.SEE_OTHER);
  }

  /** A message that names the uploaded file when the server's message names its stored copy. */
  private static String named(String filename, String message) {
    if (filename == null || filename.isBlank() || message.contains(filename)) return message;
    return filename + ": " + message;
  }

  /** The file type from an upload's name, as ?format= would say; CSV when the name says nothing else. */
  static String extension(String filename) {
    String f = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    if (f.endsWith(".tsv")) return ".tsv";
    if (f.endsWith(".jsonl") || f.endsWith(".ndjson")) return ".jsonl";
    if (f.endsWith(".parquet")) return ".parquet";
    return ".csv";
  }

  void settings(Context ctx, Sessions.Session s) {
    Map<String, Object> changes = new LinkedHashMap<>();
    Project p = projects.get(ctx.pathParam("project"));
    try {
      number(ctx, "daily_quota", changes, p.dailyQuota(), true);
      number(ctx, "max_upload_bytes", changes, p.maxUploadBytes(), true);
      number(ctx, "ladder_step", changes, p.ladderStep(), false);
      String ladder = ctx.formParam("ladder");
      if (ladder != null && !ladder.equals(p.ladder())) changes.put("ladder", ladder);
      boolean names = ctx.formParam("show_vendor_names") != null;
      if (names != p.showVendorNames()) changes.put("show_vendor_names", names);
      boolean activity = ctx.formParam("show_vendor_activity") != null;
      if (activity != p.showVendorActivity()) changes.put("show_vendor_activity", activity);
      if (!changes.isEmpty()) projects.update(s.who(), p.id(), changes);
    } catch (ApiException e) {
      String field = e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "settings";
      projectPage.render(ctx, s, OwnerProjectPage.Flash.error(e.status(), null, Map.of(Projects.SETTINGS.contains(field) ? field : "settings", e.getMessage())));
      return;
    }
    ctx.redirect("/projects/" + p.id() + "?done=" + (changes.isEmpty() ? "unchanged" : "settings") + "#settings", HttpStatus.SEE_OTHER);
  }

  /** A number field, changed only when it differs; a value that is not a number is refused beside its field. */
  private static void number(Context ctx, String field, Map<String, Object> changes, Number current, boolean whole) {
    String v = ctx.formParam(field);
    if (v == null || v.isBlank()) return;
    try {
      BigDecimal d = new BigDecimal(v.strip());
      Object value = whole && d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
      if (new BigDecimal(current.toString()).compareTo(d) != 0) changes.put(field, value);
    } catch (NumberFormatException | ArithmeticException e) {
      throw ApiException.badRequest(field + ": expected a number, found '" + Bounded.echo(v) + "'");
    }
  }

  void invite(Context ctx, Sessions.Session s) {
    Map<String, Object> invited;
    try {
      invited = projects.invite(s.who(), ctx.pathParam("project"), ctx.formParam("name"));
    } catch (ApiException e) {
      projectPage.render(ctx, s, OwnerProjectPage.Flash.error(e.status(), null, Map.of("vendor", e.getMessage())));
      return;
    }
    String token = (String) invited.get("token");
    String html = token == null
        ? Shell.notice("ok", "Vendor " + invited.get("name") + " is invited; it signs in with the token it already has.")
        : "<div class=\"notice ok token-once\" role=\"status\"><p>Vendor <b>" + esc(invited.get("name")) + "</b> is invited. Its token, shown this once "
            + "(copy it now and give it to the vendor privately):</p><p><code class=\"token\" id=\"new-token\">" + esc(token) + "</code></p></div>\n";
    projectPage.render(ctx, s, new OwnerProjectPage.Flash(201, html, Map.of(), null));
  }

  void removeVendor(Context ctx, Sessions.Session s) {
    String vendor = ctx.formParam("vendor");
    projects.removeVendor(s.who(), ctx.pathParam("project"), vendor == null ? "" : vendor);
    ctx.redirect("/projects/" + ctx.pathParam("project") + "?done=removed#vendors", HttpStatus.SEE_OTHER);
  }

  void promote(Context ctx, Sessions.Session s) {
    reports.promote(ctx, s, projectPage);
  }

  void rollback(Context ctx, Sessions.Session s) {
    reports.rollback(ctx, s, projectPage);
  }

  void project(Context ctx, Sessions.Session s, OwnerProjectPage.Flash flash) {
    projectPage.render(ctx, s, flash);
  }

  void submission(Context ctx, Sessions.Session s) {
    reports.submission(ctx, s);
  }

  void report(Context ctx, Sessions.Session s) {
    reports.reportFrame(ctx);
  }

  void compare(Context ctx, Sessions.Session s) {
    reports.compare(ctx, s);
  }

  void compareReport(Context ctx, Sessions.Session s) {
    reports.compareFrame(ctx);
  }

  /** The audit trail, newest page last, with the state of its full check at the top. */
  void auditLog(Context ctx, Sessions.Session s) {
    String project = ctx.queryParam("project");
    if (project != null && project.isBlank()) project = null;
    long after;
    try {
      after = Math.max(0, Long.parseLong(ctx.queryParamAsClass("after", String.class).getOrDefault("0").strip()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("after: expected a whole number, found '" + Bounded.echo(ctx.queryParam("after")) + "'");
    }
    Trail.Verification v = trail.verify(db, null);
    List<Trail.Entry> entries = trail.entries(db, after, 200, project);
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Owner", "Audit log", "Every decision, oldest first: hash-chained and signed, so an entry changed, removed or added beside the server shows.");
    b.append("<section class=\"card\" id=\"verification\"><h2>Verification</h2>");
    if (v.intact()) {
      b.append("<p>").append(Shell.badge("PASS")).append(" <span id=\"trail-state\">intact</span>: ").append(v.entries())
          .append(" entries; chain, signatures and tables agree.</p>");
    } else {
      b.append("<p>").append(Shell.badge("FAIL")).append(" <span id=\"trail-state\">broken</span>")
          .append(v.firstBadEntry().map(n -> " at entry " + n).orElse("")).append(": ").append(esc(v.problem().orElse(""))).append("</p>");
    }
    b.append("<p class=\"hint\">To detect a rewrite by someone who also holds the signing key, keep a checkpoint elsewhere: "
        + "<code>holdout admin checkpoint</code>.</p></section>\n");
    b.append("<section class=\"card\"><h2>Entries").append(project == null ? "" : " of project " + esc(project)).append("</h2>");
    List<List<String>> rows = new ArrayList<>();
    for (Trail.Entry e : entries) {
      rows.add(List.of(Long.toString(e.seq()), Shell.time(e.at()), esc(e.actor()), "<code>" + esc(e.action()) + "</code>",
          e.project() == null ? "" : Shell.link("/projects/" + e.project(), e.project()), esc(e.subject()), "<code class=\"details\">" + esc(e.details()) + "</code>"));
    }
    Shell.table(b, "Audit entries", List.of("#Seq", "Time (UTC)", "Actor", "Action", "Project", "Subject", "Details"), rows, "audit");
    if (entries.size() == 200) {
      b.append("<p>").append(Shell.link("/audit-log?after=" + entries.get(entries.size() - 1).seq() + (project == null ? "" : "&project=" + project), "Later entries"))
          .append("</p>");
    }
    b.append("</section>\n");
    send(ctx, 200, Shell.page("Audit log", s, b));
  }

  static void send(Context ctx, int status, String html) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(html);
  }
}
