package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.Holdout;
import dev.holdout.suite.Suite;
import dev.holdout.suite.SuiteFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdout project}: the owner's side of a Holdout server, for the steps done once per project. */
@Command(name = "project", mixinStandardHelpOptions = true, description = "Create projects and invite vendors on a Holdout server (owners).",
    subcommands = {ProjectCommand.Create.class, ProjectCommand.Invite.class, ProjectCommand.RemoveVendor.class})
final class ProjectCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create a project from a suite and upload its labeled evaluation set; prints the project id.",
          "The evaluation set is the suite's data.path; before it go the files the suite names (data.queries, data.history, baseline.path) "
              + "and, for a judged suite, the judge's key from the suite's api_key_env."})
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerClient client;

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite YAML file.")
    Path suiteFile;

    @Option(names = "--documents", paramLabel = "FILE", description = "A retrieval project's document collection, which vendors download.")
    Path documents;

    @Override
    public Integer call() throws IOException {
      Suite suite = Holdout.suite(suiteFile);
      JsonNode p = client.post("/projects", HttpRequest.BodyPublishers.ofFile(suiteFile), "application/yaml");
      String id = p.path("id").asText();
      for (var f : SuiteFiles.named(suite).entrySet()) put(id, "files/" + f.getKey().key(), f.getValue());
      if (documents != null) put(id, "files/documents", documents);
      Suite.Judge judge = suite.text() == null ? null : suite.text().judge();
      String key = judge == null || judge.apiKeyEnv() == null ? null : System.getenv(judge.apiKeyEnv());
      if (key != null && !key.isBlank()) client.put("/projects/" + id + "/judge-key", HttpRequest.BodyPublishers.ofString(key.strip()), "text/plain");
      p = put(id, "data", suite.data().path());
      PrintWriter out = spec.commandLine().getOut();
      out.println(id);
      spec.commandLine().getErr().println("project " + id + " '" + p.path("name").asText() + "': " + p.path("rows_public").asLong() + " public and "
          + p.path("rows_private").asLong() + " private rows");
      out.flush();
      return 0;
    }

    private JsonNode put(String id, String what, Path file) throws IOException {
      String name = file.getFileName().toString();
      String format = name.substring(name.lastIndexOf('.') + 1);
      return client.put("/projects/" + id + "/" + what + "?format=" + ServerClient.encode(format), ServerClient.file(file), "application/octet-stream");
    }
  }

  @Command(name = "invite", mixinStandardHelpOptions = true, description = "Invite a vendor to a project; prints a new vendor's token (shown once).")
  static final class Invite implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerClient client;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
    String project;

    @Parameters(index = "0", paramLabel = "VENDOR", description = "The vendor's name.")
    String vendor;

    @Override
    public Integer call() throws IOException {
      String body = new ObjectMapper().writeValueAsString(Map.of("name", vendor));
      JsonNode v = client.post("/projects/" + ServerClient.encode(project) + "/vendors", HttpRequest.BodyPublishers.ofString(body), "application/json");
      PrintWriter out = spec.commandLine().getOut();
      out.println(v.path("token").isNull() ? "(existing vendor: it keeps its token)" : v.path("token").asText());
      return 0;
    }
  }

  @Command(name = "remove-vendor", mixinStandardHelpOptions = true,
      description = "Remove a vendor from a project: its next request there is refused (403); its submissions stay on record.")
  static final class RemoveVendor implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerClient client;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
    String project;

    @Parameters(index = "0", paramLabel = "VENDOR", description = "The vendor's name.")
    String vendor;

    @Override
    public Integer call() {
      client.delete("/projects/" + ServerClient.encode(project) + "/vendors/" + ServerClient.encode(vendor).replace("+", "%20"));
      spec.commandLine().getOut().println("removed vendor '" + vendor + "' from project " + project);
      return 0;
    }
  }
}
