package dev.holdout.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceFolderTest {
  @TempDir Path dir;

  private Path pack() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", "abc".getBytes(StandardCharsets.UTF_8));
    files.put("b.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("pack");
    EvidenceFolder.write(out, files);
    return out;
  }

  @Test
  void the_manifest_is_sha256sum_format_with_known_hashes() throws Exception {
    // sha256("abc") is the FIPS 180-2 test vector
    assertThat(Files.readString(pack().resolve(EvidenceFolder.MANIFEST)))
        .startsWith("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n");
  }

  @Test
  void verify_reports_changed_missing_and_added_files() throws Exception {
    Path p = pack();
    assertThat(EvidenceFolder.verify(p).intact()).isTrue();
    Files.writeString(p.resolve("a.txt"), "abd");
    Files.delete(p.resolve("b.txt"));
    Files.writeString(p.resolve("c.txt"), "new");
    EvidenceFolder.Verification v = EvidenceFolder.verify(p);
    assertThat(v.changed()).containsExactly("a.txt");
    assertThat(v.missing()).containsExactly("b.txt");
    assertThat(v.unlisted()).containsExactly("c.txt");
    assertThat(v.intact()).isFalse();
  }

  @Test
  void a_non_empty_folder_is_refused_and_left_as_it_was() throws Exception {
    Path p = pack();
    assertThatThrownBy(() -> EvidenceFolder.write(p, Map.of("z.txt", new byte[0]))).hasMessageContaining("the folder is not empty");
    assertThat(p.resolve("z.txt")).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactly("pack");
    }
  }

  @Test
  void the_index_maps_each_item_to_its_clauses_and_each_clause_to_its_files() {
    Evidence e = Evidence.index("s", "p", "ACCEPTED", null, null, List.of(
        new Evidence.Entry("report", "report.json", "r", new byte[] {1}),
        new Evidence.Entry("monitoring", "monitoring-plan.md", "m", new byte[] {2})), List.of());
    assertThat(e.items().get(0).serves()).contains(Clauses.MEASURE_2_3, Clauses.ANNEX_IV_3).doesNotContain(Clauses.MEASURE_2_4);
    Evidence.ClauseEntry monitoring = e.clauses().stream().filter(c -> c.clause().equals(Clauses.MEASURE_2_4)).findFirst().orElseThrow();
    assertThat(monitoring.files()).containsExactly("monitoring-plan.md");
  }
}
