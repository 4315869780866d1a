package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredSectionsTest {
  private static final Path DIR = Path.of("bundle");

  @Test
  void an_empty_manifest_fails_the_five_required_sections_and_warns_on_the_four_expected() {
    List<Check> checks = DeclaredSections.check(Manifests.empty());
    assertThat(checks).extracting(Check::item).containsExactly("weights", "code", "eval_sets", "model_card", "components", "data_lineage",
        "pipeline", "running_costs", "claimed_metrics");
    assertThat(checks).extracting(Check::status).containsExactly(Check.Status.FAIL, Check.Status.FAIL, Check.Status.FAIL, Check.Status.FAIL,
        Check.Status.FAIL, Check.Status.WARN, Check.Status.WARN, Check.Status.WARN, Check.Status.WARN);
    assertThat(checks).allSatisfy(c -> assertThat(c.area()).isEqualTo("manifest"));
    assertThat(checks.get(0).ask()).isEqualTo("model weights (format, path, sha256)");
  }

  @Test
  void code_in_a_repository_needs_a_commit() {
    Manifest noCommit = Manifests.with(List.of(), new Manifest.Code(null, "https://git.example.com/acme/churn", null, 3), null, null, List.of(),
        Map.of());
    Check last = DeclaredSections.check(noCommit).get(9);
    assertThat(last.status()).isEqualTo(Check.Status.FAIL);
    assertThat(last.ask()).isEqualTo("the exact commit (a full hash) of https://git.example.com/acme/churn");

    Manifest pinned = Manifests.with(List.of(), new Manifest.Code(null, "https://git.example.com/acme/churn", "4f2a9c", 3), null, null, List.of(),
        Map.of());
    Check ok = DeclaredSections.check(pinned).get(9);
    assertThat(ok.status()).isEqualTo(Check.Status.PASS);
    assertThat(ok.detail()).isEqualTo("https://git.example.com/acme/churn at 4f2a9c");
  }

  @Test
  void code_in_an_archive_is_declared_and_left_to_the_files_check() {
    Manifest archived = Manifests.with(List.of(), new Manifest.Code(Manifests.file(DIR, "code.zip", null), null, null, 3), null, null, List.of(),
        Map.of());
    List<Check> checks = DeclaredSections.check(archived);
    assertThat(checks).hasSize(9);
    assertThat(checks.get(1).status()).isEqualTo(Check.Status.PASS);
  }
}
