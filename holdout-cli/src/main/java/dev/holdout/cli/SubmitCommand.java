package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.base.HoldoutException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout submit}: a vendor sends predictions to a Holdout server. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {"Send predictions for a project's inputs to a Holdout server (vendors).",
        "With --wait, wait for the evaluation and print the leaderboard score."},
    footer = {"", "Exit codes: 0 stored (and evaluated, with --wait), 2 refused or bad input."})
final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerClient client;

  @Parameters(index = "0", paramLabel = "PREDICTIONS", description = "The predictions file: .csv, .tsv, .jsonl or .parquet.")
  Path predictions;

  @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
  String project;

  @Option(names = "--name", description = "A name for this submission (default: the file name).")
  String name;

  @Option(names = "--wait", description = "Wait until the evaluation is done.")
  boolean await;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isRegularFile(predictions)) throw new HoldoutException(predictions + ": predictions file not found");
    String file = predictions.getFileName().toString();
    String format = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "csv";
    JsonNode s = client.post("/projects/" + ServerClient.encode(project) + "/submissions?name=" + ServerClient.encode(name == null ? file : name)
        + "&format=" + ServerClient.encode(format), ServerClient.file(predictions), "application/octet-stream");
    PrintWriter out = spec.commandLine().getOut();
    out.println("submitted " + s.path("id").asText() + " (" + s.path("bytes").asLong() + " bytes, sha256 " + s.path("sha256").asText() + "): " + s.path("status").asText());
    if (!await) return 0;
    String path = "/projects/" + ServerClient.encode(project) + "/submissions/" + ServerClient.encode(s.path("id").asText());
    while (s.path("status").asText().equals("queued") || s.path("status").asText().equals("running")) {
      Thread.sleep(250);
      s = client.get(path);
    }
    if (s.path("status").asText().equals("failed")) throw new HoldoutException("the evaluation failed: " + s.path("error").asText());
    out.println("evaluated; leaderboard score " + (s.path("leaderboard_score").isNull() ? "not released yet" : s.path("leaderboard_score").asText()));
    return 0;
  }
}
