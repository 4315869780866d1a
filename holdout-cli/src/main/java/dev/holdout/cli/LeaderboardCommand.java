package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout leaderboard}: a project's Ladder-released scores from a Holdout server. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true, description = "Show a project's leaderboard from a Holdout server.")
final class LeaderboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerClient client;

  @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
  String project;

  @Override
  public Integer call() {
    JsonNode b = client.get("/projects/" + ServerClient.encode(project) + "/leaderboard");
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s on the public part (%s); %s%n", b.path("metric").asText(), b.path("direction").asText().replace('_', ' '), b.path("note").asText());
    out.printf("%-5s %-30s %10s %12s%n", "rank", "vendor", "score", "submissions");
    for (JsonNode e : b.path("entries")) {
      // Other vendors' counts are null unless the owner shows their activity.
      out.printf("%-5s %-30s %10s %12s%n", e.path("rank").isNull() ? "-" : e.path("rank").asText(),
          e.path("vendor").asText() + (e.path("you").asBoolean(false) ? " (you)" : ""),
          e.path("score").isNull() ? "-" : e.path("score").asText(), e.path("submissions").isNull() ? "-" : e.path("submissions").asText());
    }
    return 0;
  }
}
