package dev.holdout.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code names the classes it uses by import, so a file's first lines show what it depends on: a
 * fully qualified name inside code is allowed only where the simple name is already taken (by a
 * class of the file's own package, one it declares, or another import).
 */
class ImportsTest {
  private static final Pattern FQN = Pattern.compile("(?<![\\w.])((?:java|javax|com|org|dev|io|picocli|ai|jakarta|net)\\.(?:[a-z_][a-z0-9_]*\\.)+)([A-Z]\\w*)");
  private static final Pattern NOT_CODE = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"|/\\*[\\s\\S]*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.(\\w+);", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

  @Test
  void code_names_classes_by_import() throws IOException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(repo)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("holdout-")).toList()) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) continue;
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }
    Map<String, Set<String>> classesByPackage = new HashMap<>();
    Map<Path, String> text = new HashMap<>();
    for (Path f : sources) {
      String t = Files.readString(f);
      text.put(f, t);
      Matcher p = PACKAGE.matcher(t);
      if (p.find()) classesByPackage.computeIfAbsent(p.group(1), k -> new HashSet<>()).add(f.getFileName().toString().replace(".java", ""));
    }
    List<String> inline = new ArrayList<>();
    for (Path f : sources) {
      String t = text.get(f);
      Matcher p = PACKAGE.matcher(t);
      String pkg = p.find() ? p.group(1) : "";
      Map<String, String> imports = new HashMap<>();
      for (Matcher m = IMPORT.matcher(t); m.find(); ) imports.put(m.group(2), m.group(1));
      Set<String> declared = new HashSet<>();
      for (Matcher m = DECLARED.matcher(t); m.find(); ) declared.add(m.group(1));
      Set<String> siblings = classesByPackage.getOrDefault(pkg, Set.of());
      String code = IMPORT.matcher(PACKAGE.matcher(NOT_CODE.matcher(t).replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
      for (Matcher m = FQN.matcher(code); m.find(); ) {
        String owner = m.group(1).substring(0, m.group(1).length() - 1);
        String name = m.group(2);
        String imported = imports.get(name);
        boolean taken = !owner.equals(pkg) && (siblings.contains(name) || declared.contains(name) || imported != null && !imported.equals(owner));
        if (!taken) inline.add(repo.relativize(f) + ": " + owner + "." + name);
      }
    }
    assertThat(inline).as("fully qualified names in code where an import would do").isEmpty();
  }
}
