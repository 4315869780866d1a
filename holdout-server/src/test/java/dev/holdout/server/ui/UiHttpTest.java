package dev.holdout.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.base.Format;
import dev.holdout.server.HoldoutServer;
import dev.holdout.server.TestServer;
import dev.holdout.server.api.Api.Access;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web pages' rules over plain HTTP: sessions and their cookie, CSRF, the CSP, and every page as each role. */
class UiHttpTest {
  @TempDir Path dir;

  /** Each page's access, written out here so a page that loosens its rule fails this test. */
  private static final Map<String, Access> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("GET /ui/{asset}", Access.PUBLIC);
    EXPECTED.put("GET /login", Access.PUBLIC);
    EXPECTED.put("POST /login", Access.PUBLIC);
    EXPECTED.put("POST /logout", Access.ANY);
    EXPECTED.put("GET /", Access.ANY);
    EXPECTED.put("GET /projects/new", Access.OWNER);
    EXPECTED.put("POST /projects", Access.OWNER);
    EXPECTED.put("GET /projects/{project}", Access.MEMBER);
    EXPECTED.put("POST /projects/{project}/data", Access.OWNER);
    EXPECTED.put("POST /projects/{project}/settings", Access.OWNER);
    EXPECTED.put("POST /projects/{project}/vendors", Access.OWNER);
    EXPECTED.put("POST /projects/{project}/vendors/remove", Access.OWNER);
    EXPECTED.put("POST /projects/{project}/champion", Access.OWNER);
    EXPECTED.put("POST /projects/{project}/champion/rollback", Access.OWNER);
    EXPECTED.put("GET /projects/{project}/compare", Access.OWNER);
    EXPECTED.put("GET /projects/{project}/compare/report", Access.OWNER);
    EXPECTED.put("GET /projects/{project}/inputs.csv", Access.MEMBER);
    EXPECTED.put("POST /projects/{project}/submissions", Access.VENDOR);
    EXPECTED.put("GET /projects/{project}/submissions/{submission}", Access.MEMBER);
    EXPECTED.put("GET /projects/{project}/submissions/{submission}/report", Access.OWNER);
    EXPECTED.put("GET /audit-log", Access.OWNER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void signing_in_sets_an_httponly_samesite_strict_session_and_signing_out_ends_it(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      Browser b = new Browser(s.server.port());
      Browser.Page in = b.signIn(s.ownerToken);
      assertThat(in.status()).isEqualTo(303);
      assertThat(in.header("Location")).isEqualTo("/");
      String cookie = in.setCookies().stream().filter(c -> c.startsWith(Ui.COOKIE + "=")).findFirst().orElseThrow();
      assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800").doesNotContain("Secure");
      assertThat(cookie).doesNotContain(s.ownerToken);
      Browser.Page home = b.get("/");
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.body()).contains("Projects", "owner");
      String old = b.cookies.get(Ui.COOKIE);
      assertThat(s.column("SELECT hash FROM ui_session")).hasSize(1).doesNotContain(old);

      Browser.Page out = b.post("/logout", Map.of("_csrf", home.csrf()));
      assertThat(out.status()).isEqualTo(303);
      assertThat(out.header("Location")).isEqualTo("/login");
      Browser replay = new Browser(s.server.port());
      replay.cookies.put(Ui.COOKIE, old);
      assertThat(replay.get("/").status()).isEqualTo(303);
      assertThat(replay.get("/").header("Location")).isEqualTo("/login");
      assertThat(s.column("SELECT hash FROM ui_session")).isEmpty();
    }
  }

  @Test
  void the_cookie_is_secure_behind_a_tls_proxy_and_with_secure_cookies() {
    try (TestServer s = new TestServer(dir, "h2")) {
      Browser b = new Browser(s.server.port());
      String csrf = b.get("/login").csrf();
      Browser.Page in = b.post("/login", Map.of("_csrf", csrf, "token", s.ownerToken), Map.of("X-Forwarded-Proto", "https"));
      assertThat(in.setCookies()).anyMatch(c -> c.startsWith(Ui.COOKIE + "=") && c.contains("; Secure"));

      s.server.close();
      s.server = HoldoutServer.start(s.config().withSessions(true, Duration.ofMinutes(5)));
      Browser c = new Browser(s.server.port());
      Browser.Page again = c.signIn(s.ownerToken);
      assertThat(again.setCookies()).anyMatch(x -> x.startsWith(Ui.COOKIE + "=") && x.contains("; Secure") && x.contains("Max-Age=300"));
    }
  }

  @Test
  void a_bad_token_is_refused_beside_the_field_and_a_sign_in_without_its_csrf_token_is_403() {
    try (TestServer s = new TestServer(dir, "h2")) {
      Browser b = new Browser(s.server.port());
      Browser.Page bad = b.signIn("hdt_not-a-token");
      assertThat(bad.status()).isEqualTo(401);
      assertThat(bad.body()).contains("id=\"token-error\"", "not valid", "aria-invalid=\"true\"");
      assertThat(bad.setCookies()).noneMatch(c -> c.startsWith(Ui.COOKIE + "="));

      Browser c = new Browser(s.server.port());
      Browser.Page forged = c.post("/login", Map.of("token", s.ownerToken));
      assertThat(forged.status()).isEqualTo(403);
      assertThat(forged.body()).contains("CSRF");
      assertThat(forged.setCookies()).noneMatch(x -> x.startsWith(Ui.COOKIE + "="));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_form_without_the_session_csrf_token_is_refused_and_changes_nothing(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(300);
      Browser b = new Browser(s.server.port());
      b.signIn(s.ownerToken);
      String csrf = b.get("/projects/" + p).csrf();
      Browser.Page none = b.post("/projects/" + p + "/vendors", Map.of("name", "acme"));
      assertThat(none.status()).isEqualTo(403);
      assertThat(none.body()).contains("CSRF");
      Browser.Page wrong = b.post("/projects/" + p + "/vendors", Map.of("name", "acme", "_csrf", csrf.substring(1) + "x"));
      assertThat(wrong.status()).isEqualTo(403);
      Browser.Page settings = b.post("/projects/" + p + "/settings", Map.of("daily_quota", "9"));
      assertThat(settings.status()).isEqualTo(403);
      assertThat(b.post("/logout", Map.of()).status()).isEqualTo(403);
      assertThat(s.call("GET", "/projects/" + p + "/vendors", s.ownerToken, (String) null).json()).isEmpty();
      assertThat(s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json().path("daily_quota").asInt()).isEqualTo(5);

      Browser.Page ok = b.post("/projects/" + p + "/vendors", Map.of("name", "acme", "_csrf", csrf));
      assertThat(ok.status()).isEqualTo(201);
      assertThat(ok.body()).containsPattern("id=\"new-token\">hdt_[A-Za-z0-9_-]{43}<");
      assertThat(s.call("GET", "/projects/" + p + "/vendors", s.ownerToken, (String) null).json()).hasSize(1);
    }
  }

  @Test
  void every_page_carries_a_content_security_policy_without_inline_script() {
    try (TestServer s = new TestServer(dir, "h2")) {
      String p = s.project(300);
      String vendor = s.invite(p, "acme");
      String sub = s.submit(p, vendor, TestServer.Data.predictions(dir, "good", 300, 0.2, 1));
      s.await(p, sub);
      Browser anon = new Browser(s.server.port());
      Browser owner = new Browser(s.server.port());
      owner.signIn(s.ownerToken);
      Browser v = new Browser(s.server.port());
      v.signIn(vendor);
      Pattern inline = Pattern.compile("<script(?![^>]*\\ssrc=)|\\son[a-z]+\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
      List<Browser.Page> pages = List.of(anon.get("/login"), anon.get("/nothing-here-but-json"), owner.get("/"), owner.get("/projects/new"),
          owner.get("/projects/" + p), owner.get("/projects/" + p + "/submissions/" + sub), owner.get("/audit-log"), v.get("/"), v.get("/projects/" + p),
          v.get("/projects/" + p + "/submissions/" + sub), v.get("/audit-log"));
      for (Browser.Page page : pages) {
        if (page.header("Content-Type").startsWith("application/json")) continue;
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).as(page.response().uri().toString()).isEqualTo(Ui.CSP);
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.body()).as(page.response().uri().toString()).doesNotContainPattern(inline);
      }
      Browser.Page report = owner.get("/projects/" + p + "/submissions/" + sub + "/report");
      assertThat(report.status()).isEqualTo(200);
      assertThat(report.header("Content-Security-Policy")).isEqualTo(Ui.REPORT_CSP).doesNotContain("script-src").contains("default-src 'none'", "sandbox");
      assertThat(report.body()).contains("<svg").doesNotContainPattern(inline);
      assertThat(owner.get("/ui/ui.js").header("Content-Type")).startsWith("text/javascript");
      assertThat(owner.get("/ui/report.css").body()).contains("Okabe-Ito");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void every_page_answers_each_role_as_the_api_rule_says(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      Map<String, Access> actual = new LinkedHashMap<>();
      s.server.pages().forEach(r -> actual.put(r.method() + " " + r.path(), r.access()));
      assertThat(actual).containsExactlyEntriesOf(EXPECTED);

      String p = s.project(300);
      String other = s.project(300);
      String vendor = s.invite(p, "acme");
      String outsider = s.invite(other, "globex");
      String sub = s.submit(p, vendor, TestServer.Data.predictions(dir, "good", 300, 0.2, 1));
      s.await(p, sub);
      Map<String, Browser> roles = new LinkedHashMap<>();
      roles.put("anonymous", new Browser(s.server.port()));
      roles.put("outsider", signedIn(s, outsider));
      roles.put("vendor", signedIn(s, vendor));
      roles.put("owner", signedIn(s, s.ownerToken));
      for (var r : s.server.pages()) {
        if (r.access() == Access.PUBLIC || r.path().equals("/logout")) continue;
        String path = r.path().replace("{project}", p).replace("{submission}", sub);
        for (var role : roles.entrySet()) {
          Browser b = role.getValue();
          Browser.Page page = r.method().name().equals("GET") ? b.get(path) : b.post(path, b.cookies.isEmpty() ? Map.of() : Map.of("_csrf", csrf(b)));
          String what = role.getKey() + " " + r.method() + " " + path + ": " + page.body();
          int expected = expected(role.getKey(), r.access(), r.method().name());
          if (expected == 0) assertThat(page.status()).as(what).isNotIn(401, 403, 500);
          else assertThat(page.status()).as(what).isEqualTo(expected);
          if (expected == 303) assertThat(page.header("Location")).isEqualTo("/login");
        }
      }
    }
  }

  /** The status a role gets from a page with {@code access}; 0 when it may use it (then the page's own answer counts). */
  private static int expected(String role, Access access, String method) {
    if (role.equals("anonymous")) return method.equals("GET") ? 303 : 401;
    boolean vendor = !role.equals("owner");
    return switch (access) {
      case OWNER -> vendor ? 403 : 0;
      case MEMBER -> role.equals("outsider") ? 403 : 0;
      case VENDOR -> role.equals("vendor") ? 0 : 403;
      default -> 0;
    };
  }

  @Test
  void a_vendor_page_shows_nothing_its_api_answers_do_not() {
    try (TestServer s = new TestServer(dir, "h2")) {
      String p = s.project(600);
      String a = s.invite(p, "acme");
      String b = s.invite(p, "globex-secret-name");
      String subA = s.submit(p, a, TestServer.Data.predictions(dir, "a", 600, 0.35, 1));
      String subB = s.submit(p, b, TestServer.Data.predictions(dir, "b", 600, 0.1, 2));
      var ownerA = s.await(p, subA);
      s.await(p, subB);
      var project = s.call("GET", "/projects/" + p, s.ownerToken, (String) null).json();
      Browser v = signedIn(s, a);
      String all = v.get("/").body() + v.get("/projects/" + p).body() + v.get("/projects/" + p + "/submissions/" + subA).body();
      assertThat(all).contains("acme", subA, "vendor 2");
      assertThat(all).doesNotContain("globex-secret-name", subB, project.path("data_sha256").asText(), "verdict", "ACCEPTED", "REJECTED",
          "INCONCLUSIVE", "private part", Format.number(ownerA.path("public_score").asDouble()), "rows_public", "public " + project.path("rows_public").asInt());
      assertThat(v.get("/projects/" + p + "/submissions/" + subB).status()).isEqualTo(404);
      assertThat(v.get("/projects/" + p + "/submissions/" + subB).body()).doesNotContain("globex");
    }
  }

  @Test
  void a_session_ends_at_expiry_and_when_its_token_is_revoked() {
    try (TestServer s = new TestServer(dir, "h2")) {
      String p = s.project(300);
      String vendor = s.invite(p, "acme");
      Browser v = signedIn(s, vendor);
      assertThat(v.get("/").status()).isEqualTo(200);
      assertThat(s.call("DELETE", "/accounts/acme/tokens", s.ownerToken, (String) null).status()).isEqualTo(200);
      assertThat(v.get("/").status()).isEqualTo(303);

      Browser owner = signedIn(s, s.ownerToken);
      assertThat(owner.get("/").status()).isEqualTo(200);
      s.sql("UPDATE ui_session SET expires_at = " + (System.currentTimeMillis() - 1));
      assertThat(owner.get("/").status()).isEqualTo(303);
      assertThat(owner.get("/").header("Location")).isEqualTo("/login");
    }
  }

  private static Browser signedIn(TestServer s, String token) {
    Browser b = new Browser(s.server.port());
    assertThat(b.signIn(token).status()).isEqualTo(303);
    return b;
  }

  private static String csrf(Browser b) {
    return b.get("/").csrf();
  }
}
