package dev.holdout.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.server.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions on both stores with a clock the test moves. */
class SessionsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_session_lives_until_its_expiry_and_not_a_millisecond_longer(String store) {
    try (TestServer s = new TestServer(dir, store)) {
      AtomicLong now = new AtomicLong(1_000_000);
      Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
      };
      Sessions sessions = new Sessions(s.database(), Duration.ofMinutes(30), clock);
      String cookie = sessions.open(s.ownerToken);
      assertThat(cookie).hasSize(43);
      assertThat(sessions.find(cookie)).hasValueSatisfying(x -> assertThat(x.who().owner()).isTrue());
      assertThat(sessions.find(cookie + "x")).isEmpty();
      now.addAndGet(Duration.ofMinutes(30).toMillis() - 1);
      assertThat(sessions.find(cookie)).isPresent();
      now.incrementAndGet();
      assertThat(sessions.find(cookie)).isEmpty();
      // the next sign-in removes the expired row
      String next = sessions.open(s.ownerToken);
      assertThat(s.column("SELECT hash FROM ui_session")).hasSize(1);
      sessions.end(next);
      assertThat(sessions.find(next)).isEmpty();
    }
  }
}
