package dev.holdout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house plan of docs/architecture.md, checked on the main classes of every module this one
 * sees (core, onnx, server and the CLI): no package cycle, the engine free of renderers, the CLI,
 * the server and the library facade, and a leaf package of base types.
 */
class ArchitectureTest {
  /** The engine: packages that compute results and never present them. */
  private static final String[] ENGINE = {"dev.holdout.base..", "dev.holdout.data..", "dev.holdout.metric..", "dev.holdout.stats..",
      "dev.holdout.suite..", "dev.holdout.verdict..", "dev.holdout.result..", "dev.holdout.evaluation..", "dev.holdout.judge..",
      "dev.holdout.audit..", "dev.holdout.drift..", "dev.holdout.monitor..", "dev.holdout.handover..", "dev.holdout.endpoint..",
      "dev.holdout.scoring..", "dev.holdout.plan..", "dev.holdout.clicks..", "dev.holdout.engagement..", "dev.holdout.onnx..", "dev.holdout.script..",
      "dev.holdout.probe.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.holdout");
    assertThat(classes.contain("dev.holdout.evaluation.Evaluator")).isTrue();
    assertThat(classes.contain("dev.holdout.server.HoldoutServer")).isTrue();
  }

  @Test
  void no_package_depends_on_itself_through_others() {
    slices().matching("dev.holdout.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void the_engine_uses_no_renderer_cli_server_or_facade() {
    noClasses().that().resideInAnyPackage(ENGINE)
        .should().dependOnClassesThat().resideInAnyPackage("dev.holdout.render..", "dev.holdout.cli..", "dev.holdout.server..", "dev.holdout")
        .check(classes);
  }

  @Test
  void base_types_use_nothing_of_ours() {
    noClasses().that().resideInAPackage("dev.holdout.base..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.holdout")
        .orShould().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.holdout..")
            .and(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage("dev.holdout.base..")))
        .check(classes);
  }

  @Test
  void renderers_and_the_server_never_use_the_cli() {
    noClasses().that().resideInAnyPackage("dev.holdout.render..", "dev.holdout.server..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.holdout.cli..")
        .check(classes);
  }

  @Test
  void the_cli_reaches_the_server_only_through_its_public_package() {
    noClasses().that().resideInAPackage("dev.holdout.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.holdout.server.*..")
        .check(classes);
  }

  /** A class over 500 lines says in its javadoc why it stays whole ("stays whole"), or it is split. */
  @Test
  void large_classes_say_why_they_stay_whole() throws IOException {
    List<String> tooLarge = new ArrayList<>();
    Path repo = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> modules = Files.list(repo)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("holdout-")).toList()) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) continue;
        try (Stream<Path> files = Files.walk(main)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String text = Files.readString(f);
            long lines = text.chars().filter(c -> c == '\n').count();
            if (lines > 500 && !text.contains("stays whole")) tooLarge.add(repo.relativize(f) + " (" + lines + " lines)");
          }
        }
      }
    }
    assertThat(tooLarge).as("main classes over 500 lines with no word on why they stay whole").isEmpty();
  }
}
