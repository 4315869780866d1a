package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.base.Format;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout submissions -p P}: a project's submissions from a Holdout server, oldest first.
 * The owner sees every vendor's, with the raw public score and the verdict on the private part; a
 * vendor sees its own, with the score the leaderboard shows, as the server answers each.
 */
@Command(name = "submissions", mixinStandardHelpOptions = true,
    description = {"List a project's submissions on a Holdout server.",
        "Owners see every submission with its vendor, status, raw public score, the score shown to vendors and the verdict on "
            + "the private part; vendors see their own with the leaderboard score."},
    footer = {"", "Exit codes: 0 listed, 2 bad input, usage or a refusal by the server."})
final class SubmissionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerClient client;

  @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
  String project;

  @Override
  public Integer call() {
    JsonNode list = client.get("/projects/" + ServerClient.encode(project) + "/submissions");
    PrintWriter out = spec.commandLine().getOut();
    boolean owner = list.size() > 0 && list.get(0).has("verdict_private");
    if (owner) {
      out.printf("%-24s %-24s %-16s %-20s %-8s %8s %8s  %s%n", "id", "name", "vendor", "submitted (UTC)", "status", "public", "shown", "private verdict");
    } else {
      out.printf("%-24s %-24s %-20s %-8s %11s  %s%n", "id", "name", "submitted (UTC)", "status", "leaderboard", "note");
    }
    for (JsonNode s : list) {
      String at = s.path("submitted_at").asText().replace('T', ' ');
      at = at.length() > 19 ? at.substring(0, 19) : at;
      if (owner) {
        out.printf("%-24s %-24s %-16s %-20s %-8s %8s %8s  %s%n", s.path("id").asText(), s.path("name").asText(), s.path("vendor").asText(), at,
            s.path("status").asText(), number(s.path("public_score")), number(s.path("leaderboard_score")), s.path("verdict_private").asText("-"));
      } else {
        out.printf("%-24s %-24s %-20s %-8s %11s  %s%n", s.path("id").asText(), s.path("name").asText(), at, s.path("status").asText(),
            number(s.path("leaderboard_score")), s.path("error").isNull() ? "" : s.path("error").asText());
      }
    }
    if (list.isEmpty()) out.println("(no submissions yet)");
    out.flush();
    return 0;
  }

  static String number(JsonNode n) {
    return n.isNumber() ? Format.number(n.asDouble()) : "-";
  }
}
