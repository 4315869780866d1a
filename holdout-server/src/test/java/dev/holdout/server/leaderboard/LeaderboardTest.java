package dev.holdout.server.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other vendors' submission counts and last times are shown to a vendor only when the owner allows it; its own always. */
class LeaderboardTest {
  @TempDir Path dir;

  @Test
  void other_vendors_activity_is_shown_only_when_the_owner_allows_it() {
    try (TestServer s = new TestServer(dir, "h2")) {
      String p = s.project(600);
      String a = s.invite(p, "acme");
      String b = s.invite(p, "globex");
      s.await(p, s.submit(p, a, TestServer.Data.predictions(dir, "a", 600, 0.4, 1)));
      s.await(p, s.submit(p, b, TestServer.Data.predictions(dir, "b", 600, 0.5, 2)));
      JsonNode hidden = s.call("GET", "/projects/" + p + "/leaderboard", b, (String) null).json().path("entries");
      for (JsonNode e : hidden) {
        boolean self = e.path("you").asBoolean(false);
        assertThat(e.path("submissions").isNull()).as(e.toString()).isEqualTo(!self);
        assertThat(e.path("last_submission_at").isNull()).as(e.toString()).isEqualTo(!self);
      }
      String csv = s.call("GET", "/projects/" + p + "/leaderboard.csv", b, (String) null).body();
      assertThat(csv.lines().filter(l -> l.contains("vendor 1,"))).singleElement().satisfies(l -> assertThat(l).endsWith(",,"));
      assertThat(s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"show_vendor_activity\": true}").json().path("show_vendor_activity").asBoolean()).isTrue();
      for (JsonNode e : s.call("GET", "/projects/" + p + "/leaderboard", b, (String) null).json().path("entries")) {
        assertThat(e.path("submissions").asInt()).isEqualTo(1);
        assertThat(e.path("last_submission_at").asText()).isNotBlank();
      }
    }
  }
}
