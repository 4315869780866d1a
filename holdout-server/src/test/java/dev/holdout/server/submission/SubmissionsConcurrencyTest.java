package dev.holdout.server.submission;

import dev.holdout.server.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 50 vendors submitting at once to one project: no errors, no lost submission, quotas exact. */
class SubmissionsConcurrencyTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void fifty_vendors_submitting_at_once_lose_nothing_and_quotas_stay_exact(String store) throws Exception {
    try (TestServer s = new TestServer(dir, store)) {
      String p = s.project(400);
      s.call("PATCH", "/projects/" + p, s.ownerToken, "{\"daily_quota\": 3}");
      List<String> tokens = new ArrayList<>();
      for (int v = 0; v < 50; v++) tokens.add(s.invite(p, "vendor-" + v));
      Path preds = TestServer.Data.predictions(dir, "preds", 400, 0.5, 1);
      ExecutorService pool = Executors.newFixedThreadPool(50);
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> work = new ArrayList<>();
      for (String token : tokens) {
        work.add(pool.submit(() -> {
          for (int k = 0; k < 4; k++) {
            TestServer.Answer a = s.upload("/projects/" + p + "/submissions", token, preds);
            statuses.computeIfAbsent(a.status(), x -> new AtomicInteger()).incrementAndGet();
            if (a.status() == 202) accepted.add(a.json().path("id").asText());
          }
        }));
      }
      for (Future<?> f : work) f.get();
      pool.shutdown();
      assertThat(statuses.keySet()).containsExactlyInAnyOrder(202, 429);
      assertThat(statuses.get(202).get()).isEqualTo(150);
      assertThat(statuses.get(429).get()).isEqualTo(50);
      var stored = s.call("GET", "/projects/" + p + "/submissions", s.ownerToken, (String) null).json();
      assertThat(stored).hasSize(150);
      Map<String, Integer> perVendor = new java.util.HashMap<>();
      stored.forEach(x -> perVendor.merge(x.path("vendor").asText(), 1, Integer::sum));
      assertThat(perVendor).hasSize(50).allSatisfy((vendor, count) -> assertThat(count).isEqualTo(3));
      for (String id : accepted) assertThat(s.await(p, id).path("status").asText()).isEqualTo("done");
      assertThat(s.verify(null).intact()).as(s.verify(null).toString()).isTrue();
    }
  }
}
