package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdout champion show|promote|rollback -p P}: the version in production on a Holdout
 * server. A promotion the server refuses (not accepted on the private part, or possibly worse than
 * the champion by more than the suite's tolerance) prints the evidence and exits 1.
 */
@Command(name = "champion", mixinStandardHelpOptions = true,
    description = "Show, promote or roll back a project's champion on a Holdout server (owners).",
    subcommands = {ChampionCommand.Show.class, ChampionCommand.Promote.class, ChampionCommand.Rollback.class})
final class ChampionCommand {

  @Command(name = "show", mixinStandardHelpOptions = true, description = "The champion and the promotion history, latest first.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerClient client;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
    String project;

    @Override
    public Integer call() {
      print(spec.commandLine().getOut(), client.get("/projects/" + ServerClient.encode(project) + "/champion"));
      return 0;
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = {"Make a submission the champion, when the server finds that it qualifies.",
          "The server refuses unless the submission is accepted on the private part and not worse than the champion beyond the suite's "
              + "tolerance."},
      footer = {"", "Exit codes: 0 promoted, 1 refused (the evidence is printed), 2 bad input, usage or another refusal."})
  static final class Promote implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerClient client;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
    String project;

    @Parameters(index = "0", paramLabel = "SUBMISSION", description = "The submission id (s_...).")
    String submission;

    @Override
    public Integer call() throws IOException {
      String body = new ObjectMapper().writeValueAsString(Map.of("submission", submission));
      try {
        JsonNode c = client.post("/projects/" + ServerClient.encode(project) + "/champion", HttpRequest.BodyPublishers.ofString(body), "application/json");
        PrintWriter out = spec.commandLine().getOut();
        out.println("promoted " + submission + ": it is the champion of project " + project);
        evidence(out, c.path("evidence"));
        out.flush();
        return 0;
      } catch (ServerClient.Refused r) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("holdout: " + r.getMessage());
        evidence(err, r.details);
        err.flush();
        return 1;
      }
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Remove the current champion and restore the one promoted before it.")
  static final class Rollback implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerClient client;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
    String project;

    @Override
    public Integer call() {
      JsonNode c = client.post("/projects/" + ServerClient.encode(project) + "/champion/rollback", HttpRequest.BodyPublishers.noBody(), "application/json");
      PrintWriter out = spec.commandLine().getOut();
      out.println("rolled back; now:");
      print(out, c);
      return 0;
    }
  }

  static void print(PrintWriter out, JsonNode c) {
    JsonNode champion = c.path("champion");
    if (champion.isObject()) {
      out.printf("champion: %s (%s) by %s, private verdict %s%n", champion.path("id").asText(), champion.path("name").asText(),
          champion.path("vendor").asText(), champion.path("verdict_private").asText("-"));
    } else {
      out.println("champion: none yet (promote an accepted submission)");
    }
    out.printf("%-9s %-24s %s%n", "position", "submission", "promoted (UTC)");
    for (JsonNode h : c.path("history")) {
      out.printf("%-9s %-24s %s%n", h.path("position").asText(), h.path("submission").asText(), h.path("promoted_at").asText());
    }
    out.flush();
  }

  /** The criteria on the private part and the comparison with the champion, as the server gave them. */
  static void evidence(PrintWriter out, JsonNode e) {
    if (e == null || !e.isObject()) return;
    if (e.path("criteria").isArray()) {
      out.println("criteria on the private part (" + e.path("verdict_private").asText() + "):");
      for (JsonNode c : e.path("criteria")) {
        out.printf("  %-13s %-24s %s%n", c.path("status").asText(), c.path("id").asText(), c.path("description").asText()
            + (c.path("observed").isNumber() ? ", observed " + Format.number(c.path("observed").asDouble()) : ""));
      }
    }
    JsonNode g = e.path("against_champion");
    if (g.isObject()) {
      out.println("against champion " + g.path("champion").asText() + " (" + (g.path("pass").asBoolean() ? "PASS" : "FAIL") + "): "
          + g.path("explanation").asText());
    }
  }
}
