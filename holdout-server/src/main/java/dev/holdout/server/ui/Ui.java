package dev.holdout.server.ui;

import dev.holdout.base.HoldoutException;
import dev.holdout.server.api.Api.Access;
import dev.holdout.server.api.Api;
import dev.holdout.server.api.Http;
import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.leaderboard.Leaderboard;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.store.StoreException;
import dev.holdout.server.submission.Champions;
import dev.holdout.server.submission.Evaluations;
import dev.holdout.server.submission.Submissions;
import dev.holdout.server.trail.Trail;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web pages' route table and the checks every page passes before its handler: a live session
 * (a GET without one goes to the sign-in page), the CSRF token on every request that changes
 * something, and the API's own access rule for the route ({@link Api#permit}), so a vendor gets
 * the same 403 on an owner page as on the owner's API call. Every answer carries a
 * Content-Security-Policy that allows scripts and styles from this server only (no inline script)
 * and no framing; the full reports, which are self-contained pages with inline styles and no
 * script, are framed by the owner's pages under a policy that allows no script at all.
 * Failures become a page with the API's advice and status; only a bug is a 500, without a trace.
 */
public final class Ui {
  /** The session cookie. */
  public static final String COOKIE = "holdout_session";
  /** The sign-in form's CSRF cookie (double submit: no session exists yet). */
  static final String LOGIN_COOKIE = "holdout_login";
  /** The policy of every page: nothing inline, nothing from elsewhere, not framed. */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
      + "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";
  /** The policy of a framed report: its inline styles, no script at all, framed only by these pages. */
  static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; sandbox";
  private static final Logger LOG = Logger.getLogger(Ui.class.getName());
  private static final Map<String, String[]> ASSETS = Map.of(
      "report.css", new String[] {"/dev/holdout/render/report.css", "text/css; charset=utf-8"},
      "ui.css", new String[] {"/dev/holdout/server/ui/ui.css", "text/css; charset=utf-8"},
      "ui.js", new String[] {"/dev/holdout/server/ui/ui.js", "text/javascript; charset=utf-8"},
      "favicon.svg", new String[] {"/dev/holdout/server/ui/favicon.svg", "image/svg+xml"});

  /** A page's work, given the caller's session (null on public routes). */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, Sessions.Session s) throws Exception;
  }

  /** What a multipart request to a route may weigh: nothing (no files), an evaluation set, or a project's predictions. */
  enum Upload { NONE, DATA, PREDICTIONS }

  /** One page or form target, with the API's access rule for it. */
  public record Route(HandlerType method, String path, Access access, Upload upload, Handler handler) {}

  private final Api api;
  private final Sessions sessions;
  private final boolean secureCookies;
  private final Projects projects;
  private final long maxDataBytes;
  private final List<Route> routes = new ArrayList<>();

  Ui(Api api, Sessions sessions, boolean secureCookies, Projects projects, long maxDataBytes, OwnerPages owner, VendorPages vendor) {
    this.api = api;
    this.sessions = sessions;
    this.secureCookies = secureCookies;
    this.projects = projects;
    this.maxDataBytes = maxDataBytes;
    define(owner, vendor);
  }

  /** The pages over the server's parts. */
  public static Ui create(Api api, Sessions sessions, boolean secureCookies, long maxDataBytes, Database db, Trail trail, Projects projects,
      Submissions submissions, Champions champions, Leaderboard leaderboard, Evaluations evaluations) {
    ReportPages reports = new ReportPages(projects, submissions, champions);
    OwnerProjectPage page = new OwnerProjectPage(projects, submissions, champions, leaderboard);
    OwnerPages owner = new OwnerPages(db, trail, projects, evaluations, page, reports);
    return new Ui(api, sessions, secureCookies, projects, maxDataBytes, owner, new VendorPages(projects, submissions, leaderboard));
  }

  public List<Route> routes() {
    return routes;
  }

  private void route(HandlerType method, String path, Access access, Handler handler) {
    routes.add(new Route(method, path, access, Upload.NONE, handler));
  }

  private void define(OwnerPages owner, VendorPages vendor) {
    route(HandlerType.GET, "/ui/{asset}", Access.PUBLIC, (ctx, s) -> asset(ctx));
    route(HandlerType.GET, "/login", Access.PUBLIC, (ctx, s) -> loginPage(ctx, null, 200));
    route(HandlerType.POST, "/login", Access.PUBLIC, (ctx, s) -> login(ctx));
    route(HandlerType.POST, "/logout", Access.ANY, (ctx, s) -> logout(ctx));
    route(HandlerType.GET, "/", Access.ANY, (ctx, s) -> {
      if (s.who().owner()) owner.projects(ctx, s);
      else vendor.projects(ctx, s);
    });
    route(HandlerType.GET, "/projects/new", Access.OWNER, (ctx, s) -> owner.newProject(ctx, s, null, null, 200));
    routes.add(new Route(HandlerType.POST, "/projects", Access.OWNER, Upload.DATA, owner::create));
    route(HandlerType.GET, "/projects/{project}", Access.MEMBER, (ctx, s) -> {
      if (s.who().owner()) owner.project(ctx, s, null);
      else vendor.project(ctx, s, null, 200);
    });
    routes.add(new Route(HandlerType.POST, "/projects/{project}/data", Access.OWNER, Upload.DATA, owner::uploadData));
    route(HandlerType.POST, "/projects/{project}/settings", Access.OWNER, owner::settings);
    route(HandlerType.POST, "/projects/{project}/vendors", Access.OWNER, owner::invite);
    route(HandlerType.POST, "/projects/{project}/vendors/remove", Access.OWNER, owner::removeVendor);
    route(HandlerType.POST, "/projects/{project}/champion", Access.OWNER, owner::promote);
    route(HandlerType.POST, "/projects/{project}/champion/rollback", Access.OWNER, owner::rollback);
    route(HandlerType.GET, "/projects/{project}/compare", Access.OWNER, owner::compare);
    route(HandlerType.GET, "/projects/{project}/compare/report", Access.OWNER, owner::compareReport);
    route(HandlerType.GET, "/projects/{project}/inputs.csv", Access.MEMBER, vendor::inputs);
    routes.add(new Route(HandlerType.POST, "/projects/{project}/submissions", Access.VENDOR, Upload.PREDICTIONS, vendor::upload));
    route(HandlerType.GET, "/projects/{project}/submissions/{submission}", Access.MEMBER, (ctx, s) -> {
      if (s.who().owner()) owner.submission(ctx, s);
      else vendor.submission(ctx, s);
    });
    route(HandlerType.GET, "/projects/{project}/submissions/{submission}/report", Access.OWNER, owner::report);
    route(HandlerType.GET, "/audit-log", Access.OWNER, owner::auditLog);
  }

  /** Adds the pages to the API's Javalin instance: same process, same port, same access rules. */
  public void register(Javalin app) {
    for (Route r : routes) app.addHttpHandler(r.method(), r.path(), ctx -> serve(ctx, r));
  }

  private void serve(Context ctx, Route r) {
    ctx.attribute(Http.ERROR_SET, true);
    ctx.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY").header("Cache-Control", "no-store");
    Sessions.Session s = null;
    try {
      if (r.access() != Access.PUBLIC) {
        s = sessions.find(ctx.cookie(COOKIE)).orElse(null);
        if (s == null) {
          if (r.method() == HandlerType.GET) ctx.redirect("/login", HttpStatus.SEE_OTHER);
          else errorPage(ctx, null, 401, "you are not signed in (or your session ended); sign in again and send the form again");
          return;
        }
        if (r.method() != HandlerType.GET) {
          checkSize(ctx, r);
          if (!s.csrfMatches(csrfPresented(ctx))) {
            throw new ApiException(403, "this form has no valid CSRF token (it is out of date, or came from another site); reload the page and send it again");
          }
        }
        api.permit(ctx, r.access(), s.who());
      }
      r.handler().handle(ctx, s);
    } catch (ApiException e) {
      errorPage(ctx, s, e.status(), e.getMessage());
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "page " + ctx.method() + " " + ctx.path() + ": the store failed", e);
      if (e.conflict()) errorPage(ctx, s, 409, "another request changed the same thing at the same moment; send this one again");
      else errorPage(ctx, s, 503, e.getMessage() + "; try again shortly (the server's log has the details)");
    } catch (HoldoutException e) {
      errorPage(ctx, s, 400, e.getMessage());
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "page " + ctx.method() + " " + ctx.path() + " failed", e);
      errorPage(ctx, s, 500, "the server could not complete this request; its log has the details");
    }
  }

  /** A multipart body larger than its route may take is refused before it is read. */
  private void checkSize(Context ctx, Route r) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) return;
    long limit = switch (r.upload()) {
      case NONE -> 1L << 20;
      case DATA -> maxDataBytes + (2L << 20);
      case PREDICTIONS -> projects.get(ctx.pathParam("project")).maxUploadBytes() + (1L << 20);
    };
    long length = ctx.contentLength();
    if (length < 0) throw new ApiException(411, "send the form with its length (Content-Length); a browser does so");
    if (length > limit) throw new ApiException(413, "the upload is larger than this server takes here (" + limit + " bytes); send a smaller file");
  }

  private static String csrfPresented(Context ctx) {
    String header = ctx.header("X-CSRF-Token");
    return header != null ? header : ctx.formParam("_csrf");
  }

  /** An error as a page: the status, the advice, and a way back. */
  static void errorPage(Context ctx, Sessions.Session s, int status, String message) {
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Error " + status, title(status), null);
    b.append(Shell.notice("error", Bounded.message(message)));
    b.append("<p>").append(s == null ? Shell.link("/login", "Sign in") : Shell.link("/", "Back to your projects")).append("</p>\n");
    ctx.status(status).contentType("text/html; charset=utf-8").result(Shell.page(title(status), s, b));
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "This could not be used";
      case 401 -> "Please sign in";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Refused";
      case 413 -> "Too large";
      case 429 -> "Too many attempts";
      default -> "Something went wrong";
    };
  }

  private void asset(Context ctx) throws IOException {
    String[] a = ASSETS.get(ctx.pathParam("asset"));
    if (a == null) throw ApiException.notFound("no file '" + Bounded.echo(ctx.pathParam("asset")) + "' here");
    try (InputStream in = Ui.class.getResourceAsStream(a[0])) {
      if (in == null) throw new UncheckedIOException(new IOException(a[0] + " is missing from the jar"));
      ctx.header("Cache-Control", "max-age=300").contentType(a[1]).result(in.readAllBytes());
    }
  }

  private void loginPage(Context ctx, String error, int status) {
    if (error == null && sessions.find(ctx.cookie(COOKIE)).isPresent()) {
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    String csrf = Sessions.random();
    cookie(ctx, LOGIN_COOKIE, csrf, "/login", 3600);
    StringBuilder b = new StringBuilder();
    Shell.header(b, "Holdout", "Sign in", "Paste the token the project's owner gave you (it starts with hdt_). The browser keeps a session, not the token.");
    b.append("<section class=\"card narrow\"><form method=\"post\" action=\"/login\" class=\"form\">")
        .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(csrf).append("\">")
        .append("<label for=\"token\">Token</label>")
        .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required spellcheck=\"false\"")
        .append(error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"token-error\"").append(">");
    if (error != null) b.append("<p class=\"field-error\" id=\"token-error\">").append(Shell.esc(error)).append("</p>");
    b.append("<button type=\"submit\">Sign in</button></form></section>\n");
    ctx.status(status).contentType("text/html; charset=utf-8").result(Shell.page("Sign in", null, b));
  }

  private void login(Context ctx) throws InterruptedException {
    String expected = ctx.cookie(LOGIN_COOKIE);
    String presented = ctx.formParam("_csrf");
    if (expected == null || presented == null || !new Sessions.Session(null, expected).csrfMatches(presented)) {
      throw new ApiException(403, "the sign-in form has no valid CSRF token (it is out of date, or came from another site); open the sign-in page again");
    }
    String token = ctx.formParam("token");
    token = token == null ? "" : token.strip();
    if (token.isEmpty()) {
      loginPage(ctx, "enter your token", 400);
      return;
    }
    Principal who = api.authenticate(ctx, token);
    if (who == null) {
      loginPage(ctx, "this token is not valid (revoked, mistyped or from another server); ask the project owner for a new one", 401);
      return;
    }
    if (Tokens.ADMIN.equals(who.name()) && "admin".equals(who.id())) {
      loginPage(ctx, "this is the data folder's administrator secret, for holdout admin; sign in with an owner token", 400);
      return;
    }
    String session = sessions.open(token);
    cookie(ctx, LOGIN_COOKIE, "", "/login", 0);
    cookie(ctx, COOKIE, session, "/", sessions.ttl().toSeconds());
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    sessions.end(ctx.cookie(COOKIE));
    cookie(ctx, COOKIE, "", "/", 0);
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  /** HttpOnly, SameSite=Strict, and Secure when the request came over TLS (or a proxy says so) or the server was told to. */
  private void cookie(Context ctx, String name, String value, String path, long maxAgeSeconds) {
    boolean secure = secureCookies || "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : ""));
  }
}
