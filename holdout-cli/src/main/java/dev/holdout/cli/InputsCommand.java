package dev.holdout.cli;

import static dev.holdout.cli.InputsAndOutputs.output;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout inputs -p P -o FILE}: a project's inputs (ids and features, no labels) from a Holdout server, for vendors. */
@Command(name = "inputs", mixinStandardHelpOptions = true,
    description = {"Download a project's inputs from a Holdout server: the ids and features to predict, without labels, as CSV.",
        "The file is written whole or not at all."},
    footer = {"", "Exit codes: 0 saved, 2 bad input, usage or a refusal by the server."})
final class InputsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerClient client;
  @Mixin MakeFolders folders;

  @Option(names = {"-p", "--project"}, required = true, paramLabel = "ID", description = "The project id.")
  String project;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The CSV file to write.")
  Path file;

  @Override
  public Integer call() {
    InputsAndOutputs.checkOutputs(Map.of(), folders, output("--output", file));
    client.download("/projects/" + ServerClient.encode(project) + "/inputs", file);
    spec.commandLine().getErr().println("saved the inputs of project " + project + " to " + file);
    return 0;
  }
}
