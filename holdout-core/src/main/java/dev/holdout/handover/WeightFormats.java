package dev.holdout.handover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Check "weights": each set of weights is in an open format that loads without running code from
 * the file (ONNX, safetensors, PMML: PASS), a pickle in any disguise (declared, or sniffed from the
 * file's first bytes: FAIL), or a closed API (WARN, with or without an exit plan in the bundle).
 */
final class WeightFormats {
  private static final Set<String> OPEN = Set.of("onnx", "safetensors", "pmml");
  private static final Set<String> UNSAFE = Set.of("pickle", "pkl", "joblib", "pytorch", "pt", "pth", "dill", "cloudpickle");

  private WeightFormats() {}

  static List<Check> check(Manifest m) {
    List<Check> out = new ArrayList<>();
    for (Manifest.Weights w : m.weights()) {
      String item = w.file() != null ? w.file().written() : w.url() != null ? w.url() : "api";
      String format = w.format();
      if (format.equals("api")) {
        if (w.exitPlan() != null && Files.isRegularFile(w.exitPlan().path())) {
          out.add(Check.warn("weights", item, "a closed API; exit plan " + w.exitPlan().written() + " is in the bundle",
              "check the exit plan says how the buyer gets weights in an open format if the service ends"));
        } else {
          out.add(Check.warn("weights", item, "a closed API with no exit plan: the buyer cannot run the model without the vendor",
              "weights in ONNX, or an exit plan (exit_plan: a file in the bundle) saying how the buyer gets them"));
        }
        continue;
      }
      String sniffed = w.file() != null && Files.isRegularFile(w.file().path()) ? sniff(w.file().path()) : null;
      if (UNSAFE.contains(format) || "pickle".equals(sniffed)) {
        out.add(Check.fail("weights", item, (UNSAFE.contains(format) ? format : "declared " + format + " but the file is a Python pickle")
                + ": loading a pickle runs code from the file, and it only loads in the vendor's Python environment",
            "the model exported to ONNX (for example with skl2onnx or torch.onnx.export)"));
      } else if (OPEN.contains(format)) {
        out.add(Check.pass("weights", item, format + ": an open format that loads without running code from the file"));
      } else {
        out.add(Check.warn("weights", item, "format '" + format + "' is not one Holdout knows to be open and safe",
            "the model exported to ONNX, or the reason it cannot be"));
      }
    }
    return out;
  }

  /** "pickle" when the file starts like a pickle (protocol 2 to 5) or is a PyTorch zip holding one; null otherwise. */
  static String sniff(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(4);
      if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) return "pickle";
      if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
        try (ZipFile z = new ZipFile(p.toFile())) {
          var e = z.entries();
          for (int n = 0; e.hasMoreElements() && n < 10_000; n++) if (e.nextElement().getName().endsWith(".pkl")) return "pickle";
        } catch (IOException ignored) {
          return null;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
