package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdout.data.RecordReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFilesTest {
  @TempDir Path dir;

  @Test
  void a_file_with_the_declared_hash_passes_and_one_with_another_fails() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,y\na,1\n");
    String sha = RecordReaders.sha256(dir.resolve("eval.csv"));
    List<Check> good = BundleFiles.check(Manifests.with(List.of(), null, List.of(Manifests.file(dir, "eval.csv", sha)), null, List.of(), Map.of()),
        Archives.Limits.DEFAULT);
    assertThat(good).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Check.Status.PASS);
      assertThat(c.detail()).isEqualTo("present, sha256 matches");
    });
    List<Check> bad = BundleFiles.check(Manifests.with(List.of(), null, List.of(Manifests.file(dir, "eval.csv", "ab" + sha.substring(2))), null,
        List.of(), Map.of()), Archives.Limits.DEFAULT);
    assertThat(bad.get(0).status()).isEqualTo(Check.Status.FAIL);
    assertThat(bad.get(0).detail()).startsWith("sha256 is " + sha + ", the manifest says ab");
  }

  @Test
  void a_missing_hash_fails_for_an_evaluation_set_and_warns_for_a_document() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,y\na,1\n");
    Files.writeString(dir.resolve("card.md"), "# Card\n");
    List<Check> checks = BundleFiles.check(Manifests.with(List.of(), null, List.of(Manifests.file(dir, "eval.csv", null)),
        Manifests.file(dir, "card.md", null), List.of(), Map.of()), Archives.Limits.DEFAULT);
    assertThat(checks).extracting(Check::status).containsExactly(Check.Status.FAIL, Check.Status.WARN);
    assertThat(checks.get(1).detail()).startsWith("present, but the manifest gives no sha256 (it is ");
  }

  @Test
  void a_file_named_twice_is_checked_once_and_a_missing_one_fails() {
    Manifest.FileRef gone = Manifests.file(dir, "eval.csv", null);
    List<Check> checks = BundleFiles.check(Manifests.with(List.of(), null, List.of(gone, gone), null, List.of(), Map.of()), Archives.Limits.DEFAULT);
    assertThat(checks).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Check.Status.FAIL);
      assertThat(c.detail()).isEqualTo("not in the bundle (eval_sets)");
    });
  }
}
