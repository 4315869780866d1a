package dev.holdout.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.base.Format;
import dev.holdout.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's comparison carries the suite's engagement as {@code holdout compare} does: the money
 * of each submission over the engagement, worked by hand from the section's terms and checked
 * against the measured cost per 1,000 decisions and the default baseline's (the prior).
 */
class EngagementCompareTest {
  @TempDir Path dir;

  @Test
  void the_comparison_gives_each_submission_its_money_over_the_engagement() {
    String suite = TestServer.Data.suite() + """
        costs: {tp: -40, fp: 10, fn: 60, tn: 0}
        engagement:
          build_price: 100000
          data_preparation_share: 0.2
          yearly_run_share: 0.1
          years: 2
          decisions_per_year: 50000
          currency: EUR
        """;
    try (TestServer s = new TestServer(dir, "h2")) {
      TestServer.Answer created = s.call("POST", "/projects", s.ownerToken, suite);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String p = created.json().path("id").asText();
      assertThat(s.upload("/projects/" + p + "/data", s.ownerToken, TestServer.Data.evaluationSet(dir, 2000)).status()).isEqualTo(200);
      String a = s.submit(p, s.invite(p, "acme"), TestServer.Data.predictions(dir, "a.csv", 2000, 0.2, 1));
      String b = s.submit(p, s.invite(p, "globex"), TestServer.Data.predictions(dir, "b.csv", 2000, 0.6, 2));
      s.await(p, a);
      s.await(p, b);
      TestServer.Answer c = s.call("GET", "/projects/" + p + "/compare?submission=" + a + "&submission=" + b, s.ownerToken, (String) null);
      assertThat(c.status()).as(c.body()).isEqualTo(200);
      JsonNode money = c.json().path("engagement");
      assertThat(money.size()).isEqualTo(2);
      for (JsonNode e : money) {
        // one-off 100,000 + 20% = 120,000; run 10% = 10,000 a year; TCO over 2 years = 140,000
        assertThat(e.path("total_cost").asDouble()).isEqualTo(140_000);
        assertThat(e.path("currency").asText()).isEqualTo("EUR");
        double per1000 = e.path("cost_per_1000").path("value").asDouble();
        double savings = e.path("savings_per_year").path("value").asDouble();
        // savings against the default baseline (the prior), paired on the same rows: (baseline - model) per decision x 50,000
        assertThat(e.path("basis").asText()).isEqualTo("against the baseline (prior), paired on the same rows");
        double base1000 = e.path("baseline_per_1000").asDouble();
        assertThat(savings).isCloseTo((base1000 - per1000) / 1000 * 50_000, within(1e-6));
        assertThat(e.path("net_value").path("value").asDouble()).isCloseTo(2 * savings - 140_000, within(1e-6));
      }
      // ranked as the comparison ranks them: the less noisy submission first, and it costs less a decision, so it saves more
      var names = money.fieldNames();
      String best = names.next();
      String other = names.next();
      assertThat(best).startsWith("acme/");
      assertThat(money.path(best).path("savings_per_year").path("value").asDouble())
          .isGreaterThan(money.path(other).path("savings_per_year").path("value").asDouble());
      // the owner's comparison page shows the same money, and its full comparison page draws it too
      Browser browser = new Browser(s.server.port());
      browser.signIn(s.ownerToken);
      Browser.Page page = browser.get("/projects/" + p + "/compare?submission=" + a + "&submission=" + b);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"engagement\"").contains("140,000.00")
          .contains(Format.money(money.path(best).path("savings_per_year").path("value").asDouble()));
      Browser.Page full = browser.get("/projects/" + p + "/compare/report?part=private&submission=" + a + "&submission=" + b);
      assertThat(full.body()).contains("<section class=\"card\" id=\"engagement\">").contains("<td class=\"num\">140,000.00</td>");
    }
  }
}
