package dev.holdout.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.holdout.base.CsvCells;
import dev.holdout.engagement.Economics;
import dev.holdout.render.HtmlReport;
import dev.holdout.render.JsonReport;
import dev.holdout.result.CompareReport;
import dev.holdout.server.auth.Accounts;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Throttle;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Project;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.submission.Champions;
import dev.holdout.server.submission.Evaluations;
import dev.holdout.server.submission.Submission;
import dev.holdout.server.submission.Submissions;
import dev.holdout.server.trail.Checkpoint;
import dev.holdout.server.trail.Trail;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API under {@code /api/v1}: one table of routes, each with the role it needs, so the
 * access checks, the OpenAPI document and the security test all read the same list. Tokens are
 * checked before any handler; repeated bad tokens from one address are slowed and then refused
 * ({@link Throttle}). JSON bodies are at most 64 KiB, 1,000 levels deep and numbers 1,000 digits.
 */
public final class Api {
  /** Who may call a route. */
  public enum Access {
    /** Anyone, without a token. */
    PUBLIC,
    /** Any valid token. */
    ANY,
    /** The buyer's owner accounts only. */
    OWNER,
    /** Owners, and vendors invited to the route's project. */
    MEMBER,
    /** Vendors invited to the route's project, not owners. */
    VENDOR,
    /** Owners, and service accounts of the route's project: writing its prediction log. */
    LOG
  }

  /** Whether a service account may use the route's project's log; given by the log's owner ({@code dev.holdout.server.watch}). */
  @FunctionalInterface
  public interface ServiceAccess {
    boolean allowed(String projectId, String principalId);
  }

  /** A route's work, given the authenticated caller (null on public routes). */
  @FunctionalInterface
  public interface Handler {
    void handle(Context ctx, Principal who) throws Exception;
  }

  /** One endpoint. {@code body} describes the request body, or is null when there is none. */
  public record Route(HandlerType method, String path, Access access, String summary, String body, Handler handler) {}

  /** Reads request bodies: duplicate keys are an error rather than the last one silently winning. */
  private static final ObjectMapper BODY = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Database db;
  private final Tokens tokens;
  private final Throttle throttle;
  private final Accounts accounts;
  private final Trail trail;
  private final Projects projects;
  private final Submissions submissions;
  private final Champions champions;
  private final Leaderboard leaderboard;
  private final Evaluations evaluations;
  private final List<Route> routes = new ArrayList<>();
  private volatile ServiceAccess serviceAccess = (project, principal) -> false;

  public Api(Database db, Tokens tokens, Throttle throttle, Trail trail, Projects projects, Submissions submissions, Champions champions,
      Leaderboard leaderboard, Evaluations evaluations) {
    this.evaluations = evaluations;
    this.db = db;
    this.tokens = tokens;
    this.throttle = throttle;
    this.accounts = new Accounts(db, tokens, trail);
    this.trail = trail;
    this.projects = projects;
    this.submissions = submissions;
    this.champions = champions;
    this.leaderboard = leaderboard;
    define();
  }

  public List<Route> routes() {
    return routes;
  }

  private void route(HandlerType method, String path, Access access, String summary, String body, Handler handler) {
    routes.add(new Route(method, "/api/v1" + path, access, summary, body, handler));
  }

  /** Adds a route defined elsewhere (a path under {@code /api/v1}), before the server starts. */
  public void add(HandlerType method, String path, Access access, String summary, String body, Handler handler) {
    route(method, path, access, summary, body, handler);
  }

  /** Who decides whether a service account may write a project's log; until set, none may. */
  public void serviceAccess(ServiceAccess access) {
    this.serviceAccess = access;
  }

  private void define() {
    route(HandlerType.GET, "/health", Access.PUBLIC, "Whether the server runs.", null, (ctx, who) -> ctx.json(Map.of("status", "ok")));
    route(HandlerType.GET, "/openapi.json", Access.PUBLIC, "This API described as OpenAPI 3.0.", null,
        (ctx, who) -> ctx.json(OpenApi.document(routes)));
    route(HandlerType.GET, "/me", Access.ANY, "The caller's account.", null,
        (ctx, who) -> ctx.json(Map.of("id", who.id(), "name", who.name(), "role", who.kind().key())));

    route(HandlerType.GET, "/projects", Access.ANY, "Projects the caller can see: all for owners, invited ones for vendors.", null,
        (ctx, who) -> ctx.json(projects.visibleTo(who).stream().map(p -> projectView(p, who)).toList()));
    route(HandlerType.POST, "/projects", Access.OWNER, "Create a project from suite YAML; the evaluation set follows with PUT .../data.",
        "the suite (holdout.suite/v1 YAML)", (ctx, who) -> {
          String yaml = new String(limited(ctx.bodyInputStream(), 1 << 20, "the suite"), StandardCharsets.UTF_8);
          ctx.status(201).json(projectView(projects.create(who, yaml), who));
        });
    route(HandlerType.GET, "/projects/{project}", Access.MEMBER, "A project: its suite, status and rules.", null,
        (ctx, who) -> ctx.json(projectView(projects.get(ctx.pathParam("project")), who)));
    route(HandlerType.PATCH, "/projects/{project}", Access.OWNER,
        "Change settings: show_vendor_names, show_vendor_activity, daily_quota, max_upload_bytes, ladder (fixed|parameter_free), ladder_step, "
            + "public_share (before data).",
        "a JSON object of settings", (ctx, who) -> ctx.json(projectView(projects.update(who, ctx.pathParam("project"), jsonObject(ctx)), who)));
    route(HandlerType.PUT, "/projects/{project}/data", Access.OWNER,
        "Upload the labeled evaluation set (once); it is split into the public and private parts. ?format=csv|tsv|jsonl|parquet",
        "the evaluation set file", (ctx, who) -> {
          Project p = projects.uploadData(who, ctx.pathParam("project"), ctx.bodyInputStream(), extension(ctx));
          evaluations.warm(p);
          ctx.json(projectView(p, who));
        });
    route(HandlerType.GET, "/projects/{project}/inputs", Access.MEMBER,
        "The evaluation inputs as CSV: ids and features, without the columns the suite uses for the label, the baseline or reference answers.", null,
        (ctx, who) -> {
          var file = projects.inputs(projects.get(ctx.pathParam("project")));
          ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"inputs.csv\"");
          ctx.result(Files.newInputStream(file));
        });
    route(HandlerType.POST, "/projects/{project}/vendors", Access.OWNER, "Invite a vendor by name; a new vendor's token is in the answer, once.",
        "{\"name\": \"vendor name\"}", (ctx, who) -> {
          Object name = jsonObject(ctx).get("name");
          ctx.status(201).json(projects.invite(who, ctx.pathParam("project"), name instanceof String s ? s : null));
          leaderboard.invalidate(ctx.pathParam("project"));
        });
    route(HandlerType.GET, "/projects/{project}/vendors", Access.OWNER, "The vendors invited to a project.", null,
        (ctx, who) -> ctx.json(projects.vendors(ctx.pathParam("project"))));
    route(HandlerType.DELETE, "/projects/{project}/vendors/{vendor}", Access.OWNER,
        "Remove a vendor from a project: its next request there answers 403; its submissions stay on record.", null, (ctx, who) -> {
          ctx.json(projects.removeVendor(who, ctx.pathParam("project"), ctx.pathParam("vendor")));
          leaderboard.invalidate(ctx.pathParam("project"));
        });
    route(HandlerType.POST, "/accounts/{account}/tokens", Access.OWNER,
        "A new token for an account (shown once); {\"role\": \"owner\"} makes an owner account of that name if there is none.",
        "{\"role\": \"owner\"} or {}", (ctx, who) -> {
          Object role = jsonObject(ctx, true).get("role");
          if (role != null && !"owner".equals(role)) {
            throw ApiException.badRequest("role: only 'owner' accounts are made here (vendors by invitation), found " + Bounded.echo(String.valueOf(role)));
          }
          ctx.status(201).json(accounts.newToken(who.name(), ctx.pathParam("account"), role != null));
        });
    route(HandlerType.DELETE, "/accounts/{account}/tokens", Access.OWNER,
        "Revoke every token of an account: its next request answers 401.", null,
        (ctx, who) -> ctx.json(accounts.revoke(who.name(), ctx.pathParam("account"))));

    route(HandlerType.POST, "/projects/{project}/submissions", Access.VENDOR,
        "Upload predictions for every input id (?name=, ?format=csv|tsv|jsonl|parquet); answered 202 once stored and queued.",
        "the predictions file", (ctx, who) -> ctx.status(202).json(
            submissions.upload(who, ctx.pathParam("project"), ctx.queryParam("name"), extension(ctx), ctx.bodyInputStream()).forVendor()));
    route(HandlerType.GET, "/projects/{project}/submissions", Access.MEMBER, "Submissions: all for owners, a vendor's own for vendors.", null,
        (ctx, who) -> ctx.json(submissions.list(who, ctx.pathParam("project")).stream().map(s -> who.owner() ? s.forOwner() : s.forVendor()).toList()));
    route(HandlerType.GET, "/projects/{project}/submissions.csv", Access.OWNER, "Submissions as CSV for spreadsheets (formula-safe).", null,
        (ctx, who) -> csv(ctx, "submissions.csv", List.of("id", "vendor", "name", "submitted_at", "status", "public_score", "leaderboard_score", "verdict_private", "error"),
            submissions.list(who, ctx.pathParam("project")).stream().map(Api::submissionRow).toList()));
    route(HandlerType.GET, "/projects/{project}/submissions/{submission}", Access.MEMBER, "One submission's status (owners see more).", null,
        (ctx, who) -> {
          Submission s = submissions.visible(who, ctx.pathParam("project"), ctx.pathParam("submission"));
          ctx.json(who.owner() ? s.forOwner() : s.forVendor());
        });
    route(HandlerType.GET, "/projects/{project}/submissions/{submission}/report", Access.OWNER,
        "A submission's full report (holdout.report/v1) on ?part=private (default), all or public.", null,
        (ctx, who) -> json(ctx, submissions.report(ctx.pathParam("project"), ctx.pathParam("submission"), param(ctx, "part", "private"))));
    route(HandlerType.GET, "/projects/{project}/submissions/{submission}/report.html", Access.OWNER,
        "The same report as one self-contained HTML page (?part=private, all or public).", null,
        (ctx, who) -> ctx.contentType("text/html; charset=utf-8").result(HtmlReport.render(
            JsonReport.readReport(submissions.report(ctx.pathParam("project"), ctx.pathParam("submission"), param(ctx, "part", "private"))))));
    route(HandlerType.GET, "/projects/{project}/compare", Access.OWNER,
        "Paired comparison of submissions (?submission=a&submission=b...) on ?part=private (default), all or public.", null,
        (ctx, who) -> {
          CompareReport c = champions.compare(ctx.pathParam("project"), ctx.queryParams("submission"), param(ctx, "part", "private"));
          Map<String, Object> money = new LinkedHashMap<>();
          for (Economics e : champions.engagement(ctx.pathParam("project"), c)) money.put(e.vendor(), e);
          json(ctx, JsonReport.toJson(c, Collections.singletonMap("engagement", money.isEmpty() ? null : money)));
        });

    route(HandlerType.GET, "/projects/{project}/leaderboard", Access.MEMBER, "Ladder-released public-part scores.", null,
        (ctx, who) -> ctx.json(leaderboard.view(who, projects.get(ctx.pathParam("project")))));
    route(HandlerType.GET, "/projects/{project}/leaderboard.csv", Access.MEMBER, "The leaderboard as CSV for spreadsheets (formula-safe).", null,
        (ctx, who) -> {
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> entries = (List<Map<String, Object>>) leaderboard.view(who, projects.get(ctx.pathParam("project"))).get("entries");
          csv(ctx, "leaderboard.csv", List.of("rank", "vendor", "score", "submissions", "last_submission_at"),
              entries.stream().map(e -> List.of(str(e.get("rank")), str(e.get("vendor")), str(e.get("score")), str(e.get("submissions")), str(e.get("last_submission_at")))).toList());
        });

    route(HandlerType.GET, "/projects/{project}/champion", Access.OWNER, "The champion and the promotion history.", null,
        (ctx, who) -> ctx.json(champions.current(ctx.pathParam("project"))));
    route(HandlerType.POST, "/projects/{project}/champion", Access.OWNER,
        "Promote a submission; refused (409, with the evidence) unless accepted on the private part and within the tolerance of the champion.",
        "{\"submission\": \"s_...\"}", (ctx, who) -> {
          Object id = jsonObject(ctx).get("submission");
          if (!(id instanceof String s)) throw ApiException.badRequest("give the submission to promote: {\"submission\": \"s_...\"}");
          ctx.json(champions.promote(who, ctx.pathParam("project"), s));
        });
    route(HandlerType.POST, "/projects/{project}/champion/rollback", Access.OWNER,
        "Restore the previous champion; 409 when there is none before the current one.", null,
        (ctx, who) -> ctx.json(champions.rollback(who, ctx.pathParam("project"))));

    route(HandlerType.GET, "/audit-log", Access.OWNER, "Audit log entries, oldest first (?after=SEQ, ?limit=, ?project=).", null,
        (ctx, who) -> {
          long after = longParam(ctx, "after", 0);
          int limit = (int) Math.min(10_000, Math.max(1, longParam(ctx, "limit", 1000)));
          ctx.json(Trail.asMaps(trail.entries(db, after, limit, ctx.queryParam("project"))));
        });
    route(HandlerType.GET, "/audit-log/checkpoint", Access.OWNER,
        "The audit trail's head (entries and hash) after a full check, to keep elsewhere and verify against later.", null, (ctx, who) -> {
          Checkpoint c = trail.checkpoint(db);
          ctx.json(Map.of("entries", c.entries(), "hash", c.hash(), "checkpoint", c.toString()));
        });
    route(HandlerType.GET, "/audit-log/verify", Access.OWNER,
        "Check the audit trail: chain, signatures, tables, and the head against ?checkpoint=COUNT:HASH when given.", null, (ctx, who) -> {
          String cp = ctx.queryParam("checkpoint");
          Trail.Verification v = trail.verify(db, cp == null || cp.isBlank() ? null : Checkpoint.parse(cp));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("intact", v.intact());
          m.put("entries", v.entries());
          m.put("first_bad_entry", v.firstBadEntry().orElse(null));
          m.put("problem", v.problem().orElse(null));
          ctx.json(m);
        });
  }

  /**
   * Authenticates and checks the route's access rule; returns the caller. An address over the
   * {@link Throttle}'s limit gets 429 without a store lookup unless its token is one the server
   * already knows to be valid.
   */
  public Principal authorize(Context ctx, Route r) throws InterruptedException {
    if (r.access() == Access.PUBLIC) return null;
    String header = ctx.header("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    Principal who = authenticate(ctx, token);
    if (who == null) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, token == null ? "this endpoint needs a token: send 'Authorization: Bearer <token>'"
          : "the token is not valid (revoked, mistyped or from another server); ask the project owner for a new one");
    }
    permit(ctx, r.access(), who);
    return who;
  }

  /**
   * The account a presented token belongs to, or null; an address over the {@link Throttle}'s
   * limit gets 429 without a store lookup unless the token is one the server already knows to be
   * valid, and a bad token is answered after the throttle's delay. The web pages' sign-in uses it too.
   */
  public Principal authenticate(Context ctx, String token) throws InterruptedException {
    Principal who = tokens.known(token).orElse(null);
    if (who == null && token != null) {
      long wait = throttle.refusedFor(ctx.ip());
      if (wait > 0) {
        ctx.header("Retry-After", Long.toString(wait));
        throw new ApiException(429, "too many invalid tokens from this address; try again in " + wait + " s with a valid token");
      }
      who = tokens.principal(token).orElse(null);
      if (who == null) Thread.sleep(throttle.failed(ctx.ip()));
    }
    return who;
  }

  /**
   * Refuses (403) a caller that {@code access} does not admit; MEMBER and VENDOR read the path's
   * {@code {project}}. A service token writes its project's prediction log and nothing else. The
   * web pages use the same rule.
   */
  public void permit(Context ctx, Access access, Principal who) {
    if (who.service() && access != Access.LOG) {
      throw new ApiException(403, "a service token writes a project's prediction log (POST .../log and .../outcomes) and reads nothing");
    }
    switch (access) {
      case LOG -> {
        if (who.service() && !serviceAccess.allowed(ctx.pathParam("project"), who.id())) {
          throw new ApiException(403, "this service token does not write the log of project '" + Bounded.echo(ctx.pathParam("project")) + "'");
        }
        if (!who.owner() && !who.service()) throw new ApiException(403, "only the project's service accounts and its owner write its prediction log");
      }
      case OWNER -> {
        if (!who.owner()) throw new ApiException(403, "only the project owner may do this");
      }
      case MEMBER -> {
        if (!who.owner() && !projects.isMember(ctx.pathParam("project"), who.id())) throw notInvited(ctx);
      }
      case VENDOR -> {
        if (who.owner()) throw new ApiException(403, "owners do not submit predictions; invite a vendor account for an in-house model");
        if (!projects.isMember(ctx.pathParam("project"), who.id())) throw notInvited(ctx);
      }
      default -> { }
    }
  }

  private static ApiException notInvited(Context ctx) {
    return new ApiException(403, "you are not invited to project '" + Bounded.echo(ctx.pathParam("project")) + "'");
  }

  /** A project as {@code who} may see it: vendors get the rules and the suite, not the row counts per part, the share or the settings. */
  public static Map<String, Object> projectView(Project p, Principal who) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.name());
    m.put("status", p.status().key());
    m.put("created_at", Instant.ofEpochMilli(p.createdAt()).toString());
    m.put("rows", p.rowsPublic() == null ? null : p.rowsPublic() + p.rowsPrivate());
    if (who.owner()) {
      m.put("rows_public", p.rowsPublic());
      m.put("rows_private", p.rowsPrivate());
      m.put("data_sha256", p.dataSha256());
      m.put("public_share", p.publicShare());
      m.put("show_vendor_names", p.showVendorNames());
      m.put("show_vendor_activity", p.showVendorActivity());
    }
    m.put("daily_quota", p.dailyQuota());
    m.put("max_upload_bytes", p.maxUploadBytes());
    m.put("ladder", p.ladder());
    m.put("ladder_step", p.ladderStep());
    m.put("suite", p.suiteYaml());
    return m;
  }

  private static List<String> submissionRow(Submission s) {
    Map<String, Object> o = s.forOwner();
    return List.of(s.id(), s.vendorName(), s.name(), str(o.get("submitted_at")), s.status().key(), str(s.publicScore()),
        str(s.shownScore()), str(s.verdict()), str(s.error()));
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static void csv(Context ctx, String name, List<String> header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().build(out)) {
      w.writeRecord(header);
      for (List<String> row : rows) w.writeRecord(row.stream().map(CsvCells::guard).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + name + "\"").result(out.toString());
  }

  private static void json(Context ctx, String json) {
    ctx.contentType("application/json").result(json);
  }

  private static String param(Context ctx, String name, String fallback) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static long longParam(Context ctx, String name, long fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": expected a whole number, found '" + Bounded.echo(v) + "'");
    }
  }

  /** The file type of an upload, from ?format= or the Content-Type; CSV when neither says. */
  static String extension(Context ctx) {
    String format = ctx.queryParam("format");
    if (format == null) {
      String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
      if (type.startsWith("text/tab-separated-values")) format = "tsv";
      else if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-lines")) format = "jsonl";
      else if (type.contains("parquet")) format = "parquet";
      else format = "csv";
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> ".csv";
      case "tsv" -> ".tsv";
      case "jsonl", "ndjson" -> ".jsonl";
      case "parquet" -> ".parquet";
      default -> throw ApiException.badRequest("format: expected csv, tsv, jsonl or parquet, found '" + Bounded.echo(format) + "'");
    };
  }

  /**
   * The body as a JSON object. Jackson's limits (1,000 levels of nesting, numbers of 1,000 digits,
   * strings of 20 million characters, all far above any real request) and the 64 KiB body limit
   * make a hostile body a 400 or 413 with advice; a failure without a location is worded alike.
   */
  static Map<String, Object> jsonObject(Context ctx) throws IOException {
    return jsonObject(ctx, false);
  }

  /** The request body as a JSON object, bounded and checked as every route's body is. */
  public static Map<String, Object> body(Context ctx) throws IOException {
    return jsonObject(ctx);
  }

  /** As {@link #jsonObject(Context)}; {@code optional}: an empty body is an empty object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> jsonObject(Context ctx, boolean optional) throws IOException {
    byte[] body = ctx.bodyInputStream().readNBytes((1 << 16) + 1);
    if (optional && new String(body, StandardCharsets.UTF_8).isBlank()) return Map.of();
    limited(body, 1 << 16, "the request body");
    try {
      Object v = BODY.readValue(body, Object.class);
      if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw ApiException.badRequest("the request body is not valid JSON (" + Bounded.echo(e.getOriginalMessage())
          + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr()) + "); send a JSON object such as {\"daily_quota\": 10}");
    }
    throw ApiException.badRequest("the request body must be a JSON object, such as {\"name\": \"acme\"}");
  }

  private static byte[] limited(InputStream in, int max, String what) throws IOException {
    return limited(in.readNBytes(max + 1), max, what);
  }

  private static byte[] limited(byte[] b, int max, String what) {
    if (b.length > max) throw new ApiException(413, what + " is larger than " + max + " bytes; send a smaller one");
    if (b.length == 0) throw ApiException.badRequest(what + " is empty");
    return b;
  }
}
