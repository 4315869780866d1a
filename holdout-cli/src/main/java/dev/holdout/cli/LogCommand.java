package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout log [-p P]}: the server's audit log, oldest first, after the server's full check
 * of its chain and signatures. Exits 1 when the check finds the log broken, as
 * {@code holdout admin verify-log} does.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = {"Show a Holdout server's audit log, oldest first, and whether its chain and signatures check out (owners).",
        "--checkpoint COUNT:HASH (from holdout admin checkpoint, kept elsewhere) also detects a log cut short."},
    footer = {"", "Exit codes: 0 intact, 1 broken, 2 bad input, usage or a refusal by the server."})
final class LogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerClient client;

  @Option(names = {"-p", "--project"}, paramLabel = "ID", description = "Only this project's entries (default: all).")
  String project;

  @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0", description = "Only entries after this sequence number (default: ${DEFAULT-VALUE}).")
  long after;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most this many entries (default: ${DEFAULT-VALUE}, at most 10000).")
  int limit;

  @Option(names = "--checkpoint", paramLabel = "COUNT:HASH", description = "Also check the log's head against this checkpoint.")
  String checkpoint;

  @Override
  public Integer call() {
    StringBuilder q = new StringBuilder("/audit-log?after=" + after + "&limit=" + limit);
    if (project != null) q.append("&project=").append(ServerClient.encode(project));
    JsonNode entries = client.get(q.toString());
    JsonNode v = client.get("/audit-log/verify" + (checkpoint == null ? "" : "?checkpoint=" + ServerClient.encode(checkpoint)));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%6s  %-24s %-14s %-22s %-24s %s%n", "seq", "time (UTC)", "actor", "action", "subject", "details");
    for (JsonNode e : entries) {
      out.printf("%6d  %-24s %-14s %-22s %-24s %s%n", e.path("seq").asLong(), e.path("at").asText(), e.path("actor").asText(), e.path("action").asText(),
          e.path("subject").asText(), e.path("details").toString());
    }
    boolean intact = v.path("intact").asBoolean();
    out.println(intact ? "audit log intact: " + v.path("entries").asLong() + " entries; chain, signatures and tables agree"
        + (checkpoint == null ? "" : ", and so does the checkpoint")
        : "audit log BROKEN" + (v.path("first_bad_entry").isNull() ? "" : " at entry " + v.path("first_bad_entry").asLong()) + ": " + v.path("problem").asText());
    out.flush();
    return intact ? 0 : 1;
  }
}
