package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardSectionsTest {
  @TempDir Path dir;

  @Test
  void present_sections_pass_first_then_each_missing_one_fails() throws IOException {
    Files.writeString(dir.resolve("card.md"), "# Churn\n## Intended uses\nCalls.\nTraining data\n=============\nCRM.\n");
    List<Check> checks = ModelCardSections.check(Manifests.file(dir, "card.md", null));
    assertThat(checks).extracting(Check::item).containsExactly("intended use", "training data", "limitations", "known failure modes");
    assertThat(checks).extracting(Check::status).containsExactly(Check.Status.PASS, Check.Status.PASS, Check.Status.FAIL, Check.Status.FAIL);
    assertThat(checks.get(2).detail()).isEqualTo("no 'limitations' section (a heading) in card.md");
  }

  @Test
  void a_card_that_is_not_text_warns_and_a_missing_one_is_left_to_the_files_check() throws IOException {
    Files.write(dir.resolve("card.pdf"), new byte[] {'%', 'P', 'D', 'F'});
    assertThat(ModelCardSections.check(Manifests.file(dir, "card.pdf", null))).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(Check.Status.WARN));
    assertThat(ModelCardSections.check(Manifests.file(dir, "gone.md", null))).isEmpty();
    assertThat(ModelCardSections.check(null)).isEmpty();
  }

  @Test
  void atx_and_setext_headings_are_read_in_lower_case() {
    assertThat(ModelCardSections.headings("### Known Failure Modes ###\nLimitations\n---\ntext\n"))
        .containsExactly("known failure modes ###", "limitations");
  }
}
