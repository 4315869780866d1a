package dev.holdout.cli;

import dev.holdout.Holdout;
import dev.holdout.audit.AuditReport;
import dev.holdout.base.HoldoutException;
import dev.holdout.data.RecordReaders;
import dev.holdout.engagement.Annex;
import dev.holdout.engagement.AnnexBuilder;
import dev.holdout.engagement.Evidence;
import dev.holdout.engagement.EvidenceFolder;
import dev.holdout.engagement.SuiteEngagement;
import dev.holdout.handover.HandoverReport;
import dev.holdout.render.AnnexPage;
import dev.holdout.render.EvidenceHtml;
import dev.holdout.render.JsonReport;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code holdout evidence SUITE --report R.json --out DIR}: the evidence pack of a delivery, and
 * {@code holdout evidence --verify DIR}: whether a pack changed since it was written.
 */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = {"Assemble the evidence pack of a delivery, or check one.",
        "Copies the suite, the annex, the report and the optional audit and handover verification into a new folder with their "
            + "fingerprints, an index (index.json, index.html) mapping each file to the EU AI Act art. 15 and Annex IV, NIST AI RMF "
            + "MEASURE 1.3/2.1/2.3/2.4 and ISO/IEC 42001 A.6.2.4/A.6.2.6, and manifest.sha256. --verify DIR recomputes every hash."},
    footer = {"", "Exit codes: 0 written, or intact (--verify); 1 a file changed, went missing or was added (--verify); 2 bad input or usage."})
final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "The suite the delivery was judged with.")
  Path suite;

  @Option(names = "--report", paramLabel = "FILE", description = "The holdout.report/v1 JSON of the delivery (holdout evaluate --json).")
  Path report;

  @Option(names = "--audit", paramLabel = "FILE", description = "The holdout.audit/v1 JSON of the evaluation set (holdout audit --json).")
  Path audit;

  @Option(names = "--handover", paramLabel = "FILE", description = "The holdout.handover/v1 JSON (holdout handover verify --json).")
  Path handover;

  @Option(names = "--out", paramLabel = "DIR", description = "The new folder to write (must not exist, or be empty).")
  Path out;

  @Option(names = "--verify", paramLabel = "DIR", description = "Check a pack: every file against manifest.sha256.")
  Path verify;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    if (verify != null) {
      if (suite != null || report != null || out != null) throw new HoldoutException("--verify DIR checks a pack alone; give no SUITE, --report or --out with it");
      EvidenceFolder.Verification v = EvidenceFolder.verify(verify);
      for (String f : v.changed()) o.println("CHANGED  " + f + ": its sha256 is not the one in the manifest");
      for (String f : v.missing()) o.println("MISSING  " + f);
      for (String f : v.unlisted()) o.println("ADDED    " + f + ": not in the manifest");
      o.println(v.intact() ? "INTACT: " + v.files() + " files match manifest.sha256" : "CHANGED: the pack is not as it was written");
      o.flush();
      return v.intact() ? 0 : 1;
    }
    if (suite == null || report == null || out == null) throw new HoldoutException("evidence needs SUITE, --report FILE and --out DIR (or --verify DIR)");
    Suite s = Holdout.suite(suite);
    Report r = JsonReport.read(report);
    String suiteSha = RecordReaders.sha256(s.file());
    Evidence.checkSameSuite(r.suite().sha256(), suiteSha, suite.toString(), report.toString());
    Annex annex = AnnexBuilder.build(s);
    if (r.suite().dataSha256() != null && !r.suite().dataSha256().equals(annex.evalSet().sha256())) {
      throw new HoldoutException(report + ": the report was made on another evaluation set than " + annex.evalSet().file() + " holds now; evaluate again");
    }
    String md = AnnexPage.markdown(annex);
    String annexSha = EvidenceFolder.sha256(md);
    String declared = SuiteEngagement.of(s.file()).framing().annex();
    List<Evidence.Entry> entries = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    entries.add(new Evidence.Entry("suite", "suite.yaml", "the suite: task, evaluation set, criteria, costs, baseline, test settings", Files.readAllBytes(s.file())));
    entries.add(new Evidence.Entry("annex", "annex.md", "the acceptance annex (its sha256 is the annex fingerprint)", bytes(md)));
    entries.add(new Evidence.Entry("annex", "annex.html", "the acceptance annex as a page", bytes(AnnexPage.html(annex, annexSha))));
    entries.add(new Evidence.Entry("monitoring", "monitoring-plan.md", "the monitoring, retraining and rollback duties", bytes(AnnexPage.monitoringPlan(annex))));
    entries.add(new Evidence.Entry("report", "report.json", "the acceptance report: metrics and slices with intervals, criteria, verdict",
        Files.readAllBytes(report)));
    if (audit != null) {
      if (!(JsonReport.readAny(audit) instanceof AuditReport a)) throw new HoldoutException("--audit " + audit + ": is not a " + AuditReport.SCHEMA + " report");
      entries.add(new Evidence.Entry("audit", "audit.json", "the audit of the evaluation set: profiles, ids, labels, leakage, shift", Files.readAllBytes(audit)));
      notes.addAll(Evidence.auditNotes(a, annex.evalSet().sha256()));
    } else {
      notes.add("no audit of the evaluation set (holdout audit --json) was given");
    }
    if (r.judge() != null) {
      entries.add(new Evidence.Entry("judge", "judge-validation.json", "the judge's validation: its agreement with human grades and with itself",
          bytes(JsonReport.toJson(r.judge()))));
      if (!r.judge().validated()) notes.add("the judge was not validated against human grades, so its grades decided no criterion: " + r.judge().validation());
    }
    if (handover != null) {
      if (!(JsonReport.readAny(handover) instanceof HandoverReport)) {
        throw new HoldoutException("--handover " + handover + ": is not a " + HandoverReport.SCHEMA + " report");
      }
      entries.add(new Evidence.Entry("handover", "handover.json", "the handover verification: weights, code, model card, reproduction",
          Files.readAllBytes(handover)));
    } else {
      notes.add("no handover verification (holdout handover verify --json) was given");
    }
    if (!"ACCEPTED".equals(String.valueOf(r.verdict()))) notes.add("the delivery was not accepted: its verdict is " + r.verdict());
    if (declared == null) notes.add("the suite names no signed annex (framing.annex)");
    else if (!declared.equals(annexSha)) notes.add("the suite names annex " + declared + ", but the annex now is " + annexSha);
    Evidence.Fingerprints fp = new Evidence.Fingerprints(suiteSha, annex.evalSet().sha256(), annex.evalSet().rows(), r.submission().name(),
        r.submission().sha256());
    byte[] fingerprints = bytes(JsonReport.toJson(fp));
    entries.add(new Evidence.Entry("fingerprints", "fingerprints.json", "sha256 of the suite, the evaluation set and the submission", fingerprints));
    Evidence index = Evidence.index(s.name(), s.problem(), String.valueOf(r.verdict()), new Evidence.Annex(annexSha, declared, annexSha.equals(declared)),
        fp, entries, notes);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Evidence.Entry e : entries) files.put(e.file(), e.bytes());
    files.put("index.json", bytes(JsonReport.toJson(index)));
    files.put("index.html", bytes(EvidenceHtml.render(index)));
    EvidenceFolder.write(out, files);
    o.println("Evidence pack of " + s.name() + " (" + r.submission().name() + ", " + r.verdict() + ") in " + out + ": " + files.size()
        + " files and manifest.sha256");
    for (Evidence.Item i : index.items()) o.println("  " + i.file() + "  " + i.sha256().substring(0, 12) + "  " + String.join("; ", i.serves()));
    for (String n : notes) o.println("  note: " + n);
    o.println("Check it later with: holdout evidence --verify " + out);
    o.flush();
    return 0;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
