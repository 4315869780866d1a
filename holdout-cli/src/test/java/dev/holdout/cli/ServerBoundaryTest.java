package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI uses the server module only through its public API (dev.holdout.server.HoldoutServer and ServerAdmin), never its inside. */
class ServerBoundaryTest {
  @Test
  void the_cli_names_no_class_of_the_servers_inside() throws Exception {
    Pattern ref = Pattern.compile("dev\\.holdout\\.server\\.([a-z]\\w*)\\.");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
        Matcher m = ref.matcher(Files.readString(f));
        while (m.find()) found.add(f.getFileName() + ": dev.holdout.server." + m.group(1));
      }
    }
    assertThat(found).isEmpty();
  }
}
