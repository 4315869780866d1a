package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A buyer's walk through the engagement on the churn example: init, contract, evaluate with the
 * engagement section, compare with scorecards, evidence and its verification. The money is checked
 * against figures worked by hand from the suite's terms and the measured cost difference.
 */
class EngagementWalkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SUITE = example("churn-engagement/suite.yaml");
  @TempDir Path dir;

  @Test
  void init_writes_a_suite_the_parser_accepts_and_records_the_framing() throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Cli r = run("init", "--problem", "Predict which subscribers cancel within 30 days so the retention team calls the right ones.",
        "--decision", "whom the retention team calls", "--kpi", "monthly churn", "--error-cost", "60 per missed churner", "--labels", "yes",
        "--owner", "CRM analytics", "--out", suite);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Wrote " + suite + " (binary_classification)").contains("The answers do not point away from ML")
        .contains("Rule baseline (what to beat, and what to use if ML is not worth it): a rule on one or two columns");
    String yaml = Files.readString(suite);
    assertThat(yaml).contains("framing:\n  decision: \"whom the retention team calls\"\n  kpi: \"monthly churn\"\n")
        .contains("  labels: yes\n  owner: \"CRM analytics\"\n");
    // the skeleton names eval.csv beside it; with one there, contract reads it like any suite
    Files.writeString(dir.resolve("eval.csv"), "id,outcome,rule_score\na,1,0.9\nb,0,0.1\nc,1,0.4\n");
    Cli contract = run("contract", suite);
    assertThat(contract.exit()).isZero();
    assertThat(contract.out()).contains("| The KPI it should move | monthly churn |").contains("The hidden evaluation set eval.csv has 3 rows");
  }

  @Test
  void init_refuses_without_a_one_sentence_problem_and_writes_nothing() {
    Path suite = dir.resolve("suite.yaml");
    Cli none = run("init", "--out", suite);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("holdout: the problem is required: say in one sentence");
    Cli two = run("init", "--problem", "Predict churn. Then call them.", "--out", suite);
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("the problem is more than one sentence");
    assertThat(suite).doesNotExist();
  }

  @Test
  void init_says_plainly_when_the_answers_point_away_from_ml() {
    Cli r = run("init", "--problem", "Decide which loans to approve.", "--labels", "no", "--error-cost", "unbounded", "--owner", "none",
        "--task", "multiclass_classification", "--out", dir.resolve("loans.yaml"));
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("The answers point away from ML for now:\n  - no outcome labels:")
        .contains("  - the cost of a wrong answer is unbounded:").contains("  - no owner after launch:")
        .contains("Rule baseline (what to beat, and what to use if ML is not worth it): keyword routing or the most frequent class");
  }

  @Test
  void contract_evaluate_compare_and_evidence_walk_the_churn_engagement() throws Exception {
    // contract: the annex and its fingerprint, which the example suite names in framing.annex
    Path md = dir.resolve("annex.md");
    Cli contract = run("contract", SUITE, "--md", md, "--html", dir.resolve("annex.html"));
    assertThat(contract.exit()).isZero();
    String sha = contract.out().lines().filter(l -> l.startsWith("Annex sha256: ")).findFirst().orElseThrow().substring(14);
    assertThat(contract.out()).contains("The suite names this annex (framing.annex).");
    String annex = Files.readString(md);
    assertThat(annex).contains("The hidden evaluation set eval.csv has 20,000 rows; its sha256 is ")
        .contains("| auc | The delivery's area under the ROC curve").contains("INCONCLUSIVE when the interval contains 0.8")
        .contains("handover: holdout.handover/v1").contains("| Total cost of ownership over 3 years | 277,500.00 |")
        .contains("returned or deleted");

    // evaluate vendor-a. Measured on the 20,000 rows: the model costs -0.2635 a decision, the rule 5.2175, a paired
    // difference of -5.481. By hand: savings a year = 5.481 x 24,000 = 131,544; one-off = 150,000 + 25% = 187,500;
    // run = 20% x 150,000 = 30,000 a year; TCO = 187,500 + 3 x 30,000 = 277,500; net value = 3 x 131,544 - 277,500 = 117,132;
    // break-even = 187,500 / ((131,544 - 30,000) / 12) = 187,500 / 8,462 = 22.158 months.
    Path json = dir.resolve("a.json");
    Cli a = run("evaluate", SUITE, "-p", example("churn/vendor-a.csv"), "--json", json, "--html", dir.resolve("a.html"));
    assertThat(a.exit()).isZero();
    assertThat(Files.readString(dir.resolve("a.html"))).contains("id=\"engagement\"")
        .containsPattern("<tr data-submission=\"vendor-a\">.*<td class=\"num\">277,500.00</td><td class=\"num\">131,544.00 \\[");
    assertThat(a.out()).contains("  savings a year             131,544.00 [")
        .contains("  total cost of ownership    277,500.00   over 3 years\n").contains("  net value                  117,132.00 [")
        .contains("  break-even                 after 22.2 months [")
        .contains("the business case's 150,000.00 a year is above the measured interval")
        .endsWith("Judged under annex " + sha + "\n");
    JsonNode e = JSON.readTree(json.toFile()).path("engagement");
    assertThat(e.path("savings_per_year").path("value").asDouble()).isCloseTo(131_544, within(1e-6));
    assertThat(e.path("total_cost").asDouble()).isEqualTo(277_500);
    assertThat(e.path("net_value").path("value").asDouble()).isCloseTo(117_132, within(1e-6));
    assertThat(e.path("break_even_months").path("value").asDouble()).isCloseTo(187_500.0 / 8_462, within(1e-9));
    assertThat(e.path("cost_per_1000").path("value").asDouble()).isCloseTo(-263.5, within(1e-9));
    // the interval of net value is the savings interval mapped through 3 x s - 277,500
    JsonNode s = e.path("savings_per_year").path("ci");
    assertThat(e.path("net_value").path("ci").get(0).asDouble()).isCloseTo(3 * s.get(0).asDouble() - 277_500, within(1e-6));
    assertThat(JSON.readTree(json.toFile()).path("annex").path("matches").asBoolean()).isTrue();

    // compare with scorecards. vendor-b quotes 120,000: one-off 150,000, run 24,000, TCO 150,000 + 3 x 24,000 = 222,000;
    // its paired difference is -4.161 a decision, so savings = 99,864 and net = 3 x 99,864 - 222,000 = 77,592;
    // break-even = 150,000 / ((99,864 - 24,000) / 12) = 150,000 / 6,322 = 23.7 months.
    Cli c = run("compare", SUITE, "-p", example("churn/vendor-a.csv"), "-p", example("churn/vendor-b.csv"), "--json", dir.resolve("c.json"),
        "--html", dir.resolve("c.html"));
    assertThat(c.exit()).isZero();
    // the comparison page draws the same money and flags as the terminal
    String page = Files.readString(dir.resolve("c.html"));
    assertThat(page).contains("<section class=\"card\" id=\"engagement\">").contains("<a href=\"#engagement\">")
        .containsPattern("<tr data-submission=\"vendor-b\">.*<td class=\"num\">120,000.00</td><td class=\"num\">222,000.00</td>")
        .contains("RED FLAG</span> claims roc_auc 0.88, outside Holdout&#39;s interval [0.8432, 0.8550] on the hidden set");
    assertThat(c.out()).containsPattern("  vendor-a +150,000.00 +277,500.00 +131,544.00 \\[.*117,132.00 \\[.*after 22.2 months")
        .containsPattern("  vendor-b +120,000.00 +222,000.00 +99,864.00 \\[.*77,592.00 \\[.*after 23.7 months")
        .contains("vendor-a              answered 5 of 5 vetting questions; red flags checked: none\n")
        .contains("red flags checked: results promised before seeing the data; documentation offered as an extra")
        .contains("RED FLAG did not answer: What happens to the contract if the prototype shows a weak signal?")
        .contains("RED FLAG claims roc_auc 0.88, outside Holdout's interval [0.8432, 0.8550] on the hidden set");
    assertThat(c.out()).doesNotContain("RED FLAG claims roc_auc 0.86");
    JsonNode cj = JSON.readTree(dir.resolve("c.json").toFile());
    assertThat(cj.path("engagement").path("vendor-b").path("total_cost").asDouble()).isEqualTo(222_000);
    assertThat(cj.path("scorecards").path("vendor-b").path("raised")).hasSize(2);

    // evidence: audit and handover alongside, then verify, then a changed file shows
    Path audit = dir.resolve("audit.json");
    assertThat(run("audit", example("churn/eval.csv"), "--suite", SUITE, "--json", audit).exit()).isZero();
    Path handover = dir.resolve("handover.json");
    assertThat(run("handover", "verify", example("handover"), "--json", handover).exit()).isZero();
    Path pack = dir.resolve("pack");
    Cli ev = run("evidence", SUITE, "--report", json, "--audit", audit, "--handover", handover, "--out", pack);
    assertThat(ev.exit()).as(ev.err()).isZero();
    assertThat(pack.resolve("manifest.sha256")).exists();
    JsonNode index = JSON.readTree(pack.resolve("index.json").toFile());
    assertThat(index.path("schema").asText()).isEqualTo("holdout.evidence/v1");
    assertThat(index.path("annex_binding").path("sha256").asText()).isEqualTo(sha);
    assertThat(index.path("fingerprints").path("data_rows").asLong()).isEqualTo(20_000);
    assertThat(index.toString()).contains("EU AI Act art. 15(3)", "EU AI Act Annex IV 2(g)", "NIST AI RMF MEASURE 1.3", "NIST AI RMF MEASURE 2.4",
        "ISO/IEC 42001 A.6.2.4", "ISO/IEC 42001 A.6.2.6");
    assertThat(Files.readString(pack.resolve("annex.md"))).isEqualTo(annex);
    assertThat(run("evidence", "--verify", pack).out()).isEqualTo("INTACT: 10 files match manifest.sha256\n");
    Files.writeString(pack.resolve("report.json"), Files.readString(pack.resolve("report.json")).replace("ACCEPTED", "REJECTED"));
    Cli changed = run("evidence", "--verify", pack);
    assertThat(changed.exit()).isEqualTo(1);
    assertThat(changed.out()).startsWith("CHANGED  report.json: its sha256 is not the one in the manifest\n");
    Cli again = run("evidence", SUITE, "--report", json, "--out", pack);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("the folder is not empty");
  }

  @Test
  void the_evidence_pack_flags_an_audit_that_did_not_pass_and_keeps_the_judge_validation() throws Exception {
    Path json = dir.resolve("a.json");
    assertThat(run("evaluate", SUITE, "-p", example("churn/vendor-a.csv"), "--json", json).exit()).isZero();
    Path audit = dir.resolve("audit.json");
    assertThat(run("audit", example("churn/eval.csv"), "--suite", SUITE, "--json", audit).exit()).isZero();
    // the same audit, but NOT_READY and of another file: both are written into the pack's notes
    ObjectNode a = (ObjectNode) JSON.readTree(audit.toFile());
    a.put("verdict", "NOT_READY");
    ((ObjectNode) a.path("data")).put("sha256", "0".repeat(64));
    Files.writeString(audit, JSON.writeValueAsString(a));
    // a report whose judge was not validated: its validation goes into the pack as a file of its own
    ObjectNode r = (ObjectNode) JSON.readTree(json.toFile());
    ObjectNode judge = r.putObject("judge");
    judge.put("url", "http://127.0.0.1:9/judge").put("repeats", 3).put("rows", 240).put("validated", false)
        .put("validation", "quadratic kappa with people 0.12, below judge.min_kappa 0.6");
    Files.writeString(json, JSON.writeValueAsString(r));
    Path pack = dir.resolve("pack");
    Cli ev = run("evidence", SUITE, "--report", json, "--audit", audit, "--out", pack);
    assertThat(ev.exit()).as(ev.err()).isZero();
    JsonNode index = JSON.readTree(pack.resolve("index.json").toFile());
    assertThat(index.path("notes").toString())
        .contains("the data audit's verdict is NOT_READY: the delivery was judged before the audit of the evaluation set passed")
        .contains("the audit is of another file (").contains("than the evaluation set (sha256 ")
        .contains("the judge was not validated against human grades, so its grades decided no criterion: quadratic kappa with people 0.12");
    JsonNode validation = JSON.readTree(pack.resolve("judge-validation.json").toFile());
    assertThat(validation.path("validated").asBoolean(true)).isFalse();
    assertThat(validation.path("rows").asLong()).isEqualTo(240);
    assertThat(index.path("items").toString()).contains("judge-validation.json").contains("NIST AI RMF MEASURE 1.3");
  }

  @Test
  void the_annex_of_a_text_suite_asks_for_the_prompts_and_counts_groups() {
    Cli r = run("contract", example("qa/suite.yaml"));
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("prompts:\n  - {path: prompts/system.txt, sha256: <fill in>}\n")
        .contains("resampling groups of 'question_id'").contains("| f1 | The delivery's token F1 against the reference answers");
  }

  @Test
  void evaluate_warns_when_the_suite_changed_since_the_annex_was_signed() throws Exception {
    String yaml = Files.readString(SUITE).replace("path: ../churn/eval.csv", "path: " + example("churn/eval.csv").toAbsolutePath())
        .replace("min: 0.80", "min: 0.70");
    Path suite = Files.writeString(dir.resolve("suite.yaml"), yaml);
    Files.createDirectories(dir.resolve("vendors"));
    Cli r = run("evaluate", suite, "-p", example("churn/vendor-a.csv"));
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("WARNING: the suite names annex ").contains("the contract changed since the annex was signed");
  }

  @Test
  void a_malformed_engagement_section_is_refused_before_any_output() throws Exception {
    String yaml = Files.readString(SUITE).replace("path: ../churn/eval.csv", "path: " + example("churn/eval.csv").toAbsolutePath())
        .replace("yearly_run_share: 0.20", "yearly_run_share: 20");
    Path suite = Files.writeString(dir.resolve("suite.yaml"), yaml);
    Path json = dir.resolve("r.json");
    Cli r = run("evaluate", suite, "-p", example("churn/vendor-a.csv"), "--json", json);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("engagement.yearly_run_share: expected a share from 0 to 1 (0.25 for 25%), found 20.0");
    assertThat(json).doesNotExist();
  }
}
