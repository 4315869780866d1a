package dev.holdout.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Revocation takes effect on the next request, without a restart, on both stores: a removed vendor
 * is refused (403) in that project at once and keeps its others; revoked tokens, cached a moment
 * before, answer 401 at once; a new token works. Repeated bad tokens from one address are slowed
 * and then answered 429, while a token the server knows to be valid still passes.
 */
class TokensTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void removal_and_revocation_take_effect_on_the_next_request(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(300);
      String q = s.project(300);
      String vendor = s.invite(p, "acme");
      s.invite(q, "acme");
      assertThat(s.call("GET", "/projects/" + p + "/inputs", vendor, (String) null).status()).isEqualTo(200);

      String queued = s.submit(p, vendor, TestServer.Data.predictions(dir, "queued", 300, 0.4, 1));
      TestServer.Answer removed = s.call("DELETE", "/projects/" + p + "/vendors/acme", s.ownerToken, (String) null);
      assertThat(removed.status()).as(removed.body()).isEqualTo(200);
      TestServer.Answer refused = s.call("GET", "/projects/" + p + "/inputs", vendor, (String) null);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("error").asText()).contains("not invited");
      assertThat(s.call("GET", "/projects/" + p + "/leaderboard", s.ownerToken, (String) null).json().path("entries")).isEmpty();
      assertThat(s.call("GET", "/projects/" + q + "/inputs", vendor, (String) null).status()).isEqualTo(200);
      assertThat(s.call("DELETE", "/projects/" + p + "/vendors/acme", s.ownerToken, (String) null).status()).isEqualTo(404);
      assertThat(s.await(p, queued).path("status").asText()).as("a removed vendor's submission is still evaluated, for the owner").isEqualTo("done");

      TestServer.Answer revoked = s.call("DELETE", "/accounts/acme/tokens", s.ownerToken, (String) null);
      assertThat(revoked.json().path("tokens_revoked").asInt()).isEqualTo(1);
      TestServer.Answer gone = s.call("GET", "/projects/" + q + "/inputs", vendor, (String) null);
      assertThat(gone.status()).isEqualTo(401);
      assertThat(gone.json().path("error").asText()).contains("not valid");

      TestServer.Answer fresh = s.call("POST", "/accounts/acme/tokens", s.ownerToken, (String) null);
      assertThat(fresh.status()).as(fresh.body()).isEqualTo(201);
      assertThat(s.call("GET", "/projects/" + q + "/inputs", fresh.json().path("token").asText(), (String) null).status()).isEqualTo(200);
      assertThat(s.call("POST", "/accounts/nobody/tokens", s.ownerToken, (String) null).status()).isEqualTo(404);
      assertThat(s.call("POST", "/accounts/acme/tokens", s.ownerToken, "{\"role\": \"owner\"}").status()).isEqualTo(409);
      assertThat(s.verify(null).intact()).as(String.valueOf(s.verify(null).problem())).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void repeated_bad_tokens_are_slowed_then_answered_429(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      String vendor = s.invite(s.project(300), "acme");
      assertThat(s.call("GET", "/me", vendor, (String) null).status()).isEqualTo(200);
      int unauthorized = 0;
      int tooMany = 0;
      for (int i = 0; i < 300; i++) {
        TestServer.Answer a = s.call("GET", "/me", Tokens.newToken(), (String) null);
        if (a.status() == 401) unauthorized++;
        if (a.status() == 429) {
          tooMany++;
          assertThat(a.json().path("error").asText()).contains("too many invalid tokens");
        }
      }
      assertThat(unauthorized).isEqualTo(Throttle.FREE + Throttle.SLOWED);
      assertThat(tooMany).isEqualTo(300 - Throttle.FREE - Throttle.SLOWED);
      assertThat(s.call("GET", "/me", vendor, (String) null).status()).as("a known token still passes").isEqualTo(200);
    }
  }
}
