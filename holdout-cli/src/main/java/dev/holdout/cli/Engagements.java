package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import dev.holdout.engagement.AnnexBuilder;
import dev.holdout.engagement.CostModel;
import dev.holdout.engagement.Economics;
import dev.holdout.engagement.EvidenceFolder;
import dev.holdout.engagement.Scorecard;
import dev.holdout.engagement.ScorecardReview;
import dev.holdout.engagement.SuiteEngagement;
import dev.holdout.engagement.Terms;
import dev.holdout.handover.HandoverReport;
import dev.holdout.render.AnnexPage;
import dev.holdout.render.EngagementSection;
import dev.holdout.render.EngagementText;
import dev.holdout.render.JsonReport;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code evaluate} and {@code compare} add from the suite's framing and engagement sections:
 * the annex binding, the money per delivery (at the vendor's own quote when its scorecard gives
 * one) and the scorecards. Built before the evaluation, so a malformed section or scorecard is
 * refused (exit 2) before any output is written.
 */
final class Engagements {
  private final Suite suite;
  private final SuiteEngagement sections;
  private final String computedAnnex;

  private Engagements(Suite suite, SuiteEngagement sections, String computedAnnex) {
    this.suite = suite;
    this.sections = sections;
    this.computedAnnex = computedAnnex;
  }

  /** Reads the sections; when the suite names an annex, builds the annex again to compare fingerprints. */
  static Engagements of(Suite suite) {
    SuiteEngagement sections = SuiteEngagement.of(suite.file());
    String computed = sections.framing().annex() == null ? null : annexSha256(suite);
    return new Engagements(suite, sections, computed);
  }

  /** The annex fingerprint: sha256 of the annex's Markdown. */
  static String annexSha256(Suite suite) {
    return EvidenceFolder.sha256(AnnexPage.markdown(AnnexBuilder.build(suite)));
  }

  /** The money of one report, or null without an engagement section. */
  Economics economics(Report r) {
    Terms t = sections.terms();
    if (t == null) return null;
    Optional<Scorecard> card = Scorecard.beside(suite.file(), r.submission().name());
    if (card.isPresent() && card.get().buildPrice() != null) t = t.withBuildPrice(card.get().buildPrice());
    return CostModel.of(r.submission().name(), t, r);
  }

  /** The annex binding for the JSON report: the declared and computed fingerprints; null when the suite names none. */
  Map<String, Object> annex() {
    if (sections.framing().annex() == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("declared", sections.framing().annex());
    m.put("computed", computedAnnex);
    m.put("matches", sections.framing().annex().equals(computedAnnex));
    return m;
  }

  /** The evaluate command's extra text after the report. */
  String text(Report r) {
    Economics e = economics(r);
    return (e == null ? "" : EngagementText.economics(e)) + EngagementText.annexLine(sections.framing().annex(), computedAnnex);
  }

  /** The evaluate command's extra JSON keys. */
  Map<String, Object> json(Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("engagement", economics(r));
    m.put("annex", annex());
    return m;
  }

  /** The evaluate command's page section: the delivery's money and its vendor's scorecard. */
  EngagementSection section(Report r) {
    Economics e = economics(r);
    Optional<Scorecard> card = Scorecard.beside(suite.file(), r.submission().name());
    return new EngagementSection(e == null ? List.of() : List.of(e),
        card.map(c -> List.of(ScorecardReview.of(c, r, handover(c)))).orElse(List.of()), List.of());
  }

  /** The compare command's money per vendor and scorecards, in the comparison's ranking order. */
  EngagementSection section(CompareReport c) {
    List<Economics> all = new ArrayList<>();
    List<ScorecardReview> reviews = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Report r : ordered(c)) {
      Economics e = economics(r);
      if (e != null) all.add(e);
      Optional<Scorecard> card = Scorecard.beside(suite.file(), r.submission().name());
      if (card.isPresent()) reviews.add(ScorecardReview.of(card.get(), r, handover(card.get())));
      else missing.add(r.submission().name());
    }
    return new EngagementSection(all, reviews, missing);
  }

  /** The compare command's extra text: money per vendor and the scorecards. */
  String text(EngagementSection section) {
    // without any scorecard the section would only list absences: leave it out
    String cards = section.cards().isEmpty() ? "" : EngagementText.scorecards(section.cards(), section.withoutCard());
    return EngagementText.comparison(section.money()) + cards + EngagementText.annexLine(sections.framing().annex(), computedAnnex);
  }

  /** The compare command's extra JSON keys: engagement and scorecards by submission. */
  Map<String, Object> json(EngagementSection section) {
    Map<String, Object> money = new LinkedHashMap<>();
    Map<String, Object> cards = new LinkedHashMap<>();
    for (Economics e : section.money()) money.put(e.vendor(), e);
    for (ScorecardReview r : section.cards()) cards.put(r.card().file().replaceFirst("\\.ya?ml$", ""), r);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("engagement", money.isEmpty() ? null : money);
    m.put("scorecards", cards.isEmpty() ? null : cards);
    m.put("annex", annex());
    return m;
  }

  /** The reports in the comparison's ranking order. */
  private static List<Report> ordered(CompareReport c) {
    List<Report> out = new ArrayList<>();
    for (CompareReport.Ranked ranked : c.ranking()) {
      c.reports().stream().filter(r -> r.submission().name().equals(ranked.name())).findFirst().ifPresent(out::add);
    }
    return out;
  }

  /** The handover verification a scorecard names, read as a {@code holdout.handover/v1} report; null when it names none. */
  static HandoverReport handover(Scorecard card) {
    if (card.handover() == null) return null;
    if (!Files.isRegularFile(card.handover())) {
      throw new HoldoutException(card.file() + ": handover: " + card.handover() + " not found; give the JSON of holdout handover verify --json");
    }
    Object any = JsonReport.readAny(card.handover());
    if (any instanceof HandoverReport h) return h;
    throw new HoldoutException(card.handover() + ": is not a " + HandoverReport.SCHEMA + " report");
  }
}
