package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.AtomicFiles;
import dev.holdout.base.Format;
import dev.holdout.engagement.Annex;
import dev.holdout.engagement.Framing;
import dev.holdout.engagement.Terms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acceptance annex ({@code holdout contract}) as Markdown and as one self-contained HTML page,
 * section for section the same text. The Markdown is the canonical form: its sha256 is the annex's
 * fingerprint, so it carries no date, path or fingerprint of itself; the HTML page shows the
 * fingerprint of the Markdown it was drawn with.
 */
public final class AnnexPage {
  private AnnexPage() {}

  /** The annex as Markdown: the text whose sha256 a suite names in {@code framing.annex}. */
  public static String markdown(Annex a) {
    StringBuilder b = new StringBuilder(8 * 1024);
    b.append("# Acceptance annex: ").append(a.suite()).append("\n\n");
    b.append("> ").append(a.problem()).append("\n\n");
    b.append("Task: ").append(Html.words(a.task())).append(". Primary metric: ").append(a.primaryMetric())
        .append(". Baseline (what is done today without the model): ").append(a.baseline()).append(".\n\n");
    for (Section s : sections(a)) {
      b.append("## ").append(s.title()).append("\n\n");
      if (s.intro() != null) b.append(s.intro()).append("\n\n");
      if (!s.table().isEmpty()) {
        b.append(row(s.table().get(0))).append(row(s.table().get(0).stream().map(x -> "---").toList()));
        for (List<String> r : s.table().subList(1, s.table().size())) b.append(row(r));
        b.append('\n');
      }
      for (String p : s.paragraphs()) b.append(p).append("\n\n");
      for (String item : s.bullets()) b.append("- ").append(item).append('\n');
      if (!s.bullets().isEmpty()) b.append('\n');
      if (s.code() != null) b.append("```yaml\n").append(s.code()).append("```\n\n");
    }
    return b.toString();
  }

  /** The annex's monitoring, retraining and rollback duties alone, as Markdown: the evidence pack's monitoring plan. */
  public static String monitoringPlan(Annex a) {
    StringBuilder b = new StringBuilder("# Monitoring plan: ").append(a.suite()).append("\n\n");
    for (String m : a.monitoring()) b.append("- ").append(m).append('\n');
    return b.toString();
  }

  /** Writes the HTML page, atomically. */
  public static void writeHtml(Annex a, String sha256, Path file) {
    String html = html(a, sha256);
    AtomicFiles.write(file, w -> w.write(html));
  }

  /** The annex as HTML; {@code sha256} is the fingerprint of {@link #markdown}. */
  public static String html(Annex a, String sha256) {
    StringBuilder b = new StringBuilder(16 * 1024);
    String facts = "<li>Evaluation set <b>" + esc(a.evalSet().file()) + "</b>, " + esc(Format.count(a.evalSet().rows())) + " rows</li>"
        + "<li>Annex fingerprint <code id=\"annex-sha256\">" + esc(sha256) + "</code></li>";
    Page.header(b, "Acceptance annex · " + Html.words(a.task()), a.suite(), a.problem(), facts);
    Map<String, String> links = new LinkedHashMap<>();
    List<Section> sections = sections(a);
    for (Section s : sections) links.put(Html.slug(s.title()), s.title());
    Page.nav(b, links);
    for (Section s : sections) {
      b.append("<section class=\"card\" id=\"").append(Html.slug(s.title())).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
      if (s.intro() != null) b.append("<p>").append(esc(s.intro())).append("</p>\n");
      if (!s.table().isEmpty()) {
        b.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (String h : s.table().get(0)) b.append("<th>").append(esc(h)).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : s.table().subList(1, s.table().size())) {
          b.append("<tr>");
          for (String c : r) b.append("<td>").append(esc(c)).append("</td>");
          b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
      }
      for (String p : s.paragraphs()) b.append("<p>").append(esc(p)).append("</p>\n");
      if (!s.bullets().isEmpty()) {
        b.append("<ul>");
        for (String item : s.bullets()) b.append("<li>").append(esc(item)).append("</li>");
        b.append("</ul>\n");
      }
      if (s.code() != null) b.append("<pre><code>").append(esc(s.code())).append("</code></pre>\n");
      b.append("</section>\n");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("Fingerprint", "sha256 of the annex's Markdown text (<code>holdout contract --md</code>): " + esc(sha256)
        + ". Put it in the suite as <code>framing.annex</code>, and <code>holdout evaluate</code> says each verdict was judged under it.");
    Page.footer(b, entries, null);
    return Page.document("Acceptance annex · " + a.suite(), b);
  }

  /** One section of the annex: title, an intro, a table (first row the header), paragraphs, bullets and a code block. */
  record Section(String title, String intro, List<List<String>> table, List<String> paragraphs, List<String> bullets, String code) {}

  static List<Section> sections(Annex a) {
    List<Section> out = new ArrayList<>();
    Framing f = a.framing();
    List<List<String>> framing = new ArrayList<>();
    framing.add(List.of("Question", "Answer"));
    framing.add(List.of("The problem, in one sentence", a.problem()));
    framing.add(List.of("The decision the model feeds", orDash(f.decision())));
    framing.add(List.of("The KPI it should move", orDash(f.kpi())));
    framing.add(List.of("What a wrong answer costs", orDash(f.errorCost())));
    framing.add(List.of("Outcome labels exist", f.labels() == null ? "-" : f.labels() ? "yes" : "no"));
    framing.add(List.of("Who owns the model after launch", orDash(f.owner())));
    out.add(new Section("1. Framing", null, framing, List.of(), f.concerns(), null));
    Annex.EvalSet e = a.evalSet();
    out.add(new Section("2. The evaluation set", null, List.of(), List.of("The hidden evaluation set " + e.file() + " has " + Format.count(e.rows())
        + " rows; its sha256 is " + e.sha256() + ". Deliveries are judged on this file only: a file with another sha256 is not this annex's "
        + "evaluation set. The vendor never receives its labels."), List.of(), null));
    List<List<String>> crit = new ArrayList<>();
    crit.add(List.of("Id", "Criterion", "Passes when", "Fails when"));
    for (Annex.Clause c : a.criteria()) crit.add(List.of(c.id(), c.statement(), c.pass(), c.fail()));
    out.add(new Section("3. Acceptance criteria", a.intervals(), crit, List.of(a.overall(), a.inconclusive()), List.of(), null));
    out.add(new Section("4. Handover deliverables", "The vendor hands over a bundle with this manifest (handover.yaml), every fingerprint filled in; "
        + "the buyer checks it with holdout handover verify, and the delivery is complete only when that says COMPLETE.", List.of(), List.of(),
        List.of(), a.manifestTemplate()));
    out.add(new Section("5. Monitoring and retraining duties", null, List.of(), List.of(), a.monitoring(), null));
    out.add(new Section("6. Data ownership and return", null, List.of(), List.of(), a.data(), null));
    Terms t = a.terms();
    if (t != null) {
      String cur = t.currency() == null ? "" : " (" + t.currency() + ")";
      List<List<String>> price = new ArrayList<>();
      price.add(List.of("Item" + cur, "Amount"));
      price.add(List.of("Build price", Format.money(t.buildPrice())));
      price.add(List.of("Data preparation (" + Format.percent(t.dataPreparationShare()) + " of the build)", Format.money(t.dataPreparation())));
      price.add(List.of("Running, monitoring and retraining a year (" + Format.percent(t.yearlyRunShare()) + " of the build)", Format.money(t.runPerYear())));
      price.add(List.of("Total cost of ownership over " + t.years() + " years", Format.money(t.totalCost())));
      price.add(List.of("Decisions a year", Format.count(t.decisionsPerYear())));
      if (t.expectedSavings() != null) price.add(List.of("Savings a year the business case expects", Format.money(t.expectedSavings())));
      out.add(new Section("7. Price and cost of ownership", null, price, List.of("Savings are measured, not promised: holdout evaluate turns "
          + "the measured cost per 1,000 decisions into savings a year, net value and break-even, with intervals."), List.of(), null));
    }
    List<List<String>> sign = List.of(List.of("", "Buyer", "Vendor"), List.of("Name", "", ""), List.of("Role", "", ""), List.of("Date", "", ""),
        List.of("Signature", "", ""));
    out.add(new Section("Signatures", "By signing, both parties accept that deliveries are judged by Holdout against this annex.", sign, List.of(),
        List.of(), null));
    return out;
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static String row(List<String> cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) b.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
    return b.append('\n').toString();
  }
}
