package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFormatsTest {
  @TempDir Path dir;

  private List<Check> check(Manifest.Weights w) {
    return WeightFormats.check(Manifests.with(List.of(w), null, null, null, List.of(), Map.of()));
  }

  @Test
  void onnx_passes_and_a_declared_pickle_fails() {
    assertThat(check(new Manifest.Weights("onnx", Manifests.file(dir, "model.onnx", null), null, null, 1)).get(0).status())
        .isEqualTo(Check.Status.PASS);
    Check pickle = check(new Manifest.Weights("joblib", Manifests.file(dir, "model.joblib", null), null, null, 1)).get(0);
    assertThat(pickle.status()).isEqualTo(Check.Status.FAIL);
    assertThat(pickle.detail()).startsWith("joblib: loading a pickle runs code from the file");
  }

  @Test
  void a_pickle_declared_as_safetensors_is_found_by_its_first_bytes() throws IOException {
    Files.write(dir.resolve("model.safetensors"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 0});
    Check c = check(new Manifest.Weights("safetensors", Manifests.file(dir, "model.safetensors", null), null, null, 1)).get(0);
    assertThat(c.status()).isEqualTo(Check.Status.FAIL);
    assertThat(c.detail()).startsWith("declared safetensors but the file is a Python pickle");
  }

  @Test
  void a_closed_api_warns_and_says_whether_there_is_an_exit_plan() throws IOException {
    Check none = check(new Manifest.Weights("api", null, "https://api.example.com", null, 1)).get(0);
    assertThat(none.status()).isEqualTo(Check.Status.WARN);
    assertThat(none.detail()).startsWith("a closed API with no exit plan");
    Files.writeString(dir.resolve("exit.md"), "We hand over ONNX weights on request.\n");
    Check plan = check(new Manifest.Weights("api", null, "https://api.example.com", Manifests.file(dir, "exit.md", null), 1)).get(0);
    assertThat(plan.detail()).isEqualTo("a closed API; exit plan exit.md is in the bundle");
  }

  @Test
  void an_unknown_format_warns() {
    Check c = check(new Manifest.Weights("gguf", Manifests.file(dir, "model.gguf", null), null, null, 1)).get(0);
    assertThat(c.status()).isEqualTo(Check.Status.WARN);
    assertThat(c.detail()).isEqualTo("format 'gguf' is not one Holdout knows to be open and safe");
  }
}
