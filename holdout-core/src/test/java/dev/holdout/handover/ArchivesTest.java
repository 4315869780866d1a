package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdout.base.HoldoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
  @TempDir Path dir;

  /** A minimal ustar stream: one 512-byte header per entry (name, size), the content padded to 512, two zero blocks. */
  static byte[] tar(String[] names, byte[][] contents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < names.length; i++) {
      byte[] h = new byte[512];
      byte[] n = names[i].getBytes(StandardCharsets.UTF_8);
      System.arraycopy(n, 0, h, 0, n.length);
      byte[] size = String.format("%011o", contents[i].length).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(size, 0, h, 124, size.length);
      h[156] = '0';
      out.write(h);
      out.write(contents[i]);
      out.write(new byte[(512 - contents[i].length % 512) % 512]);
    }
    out.write(new byte[1024]);
    return out.toByteArray();
  }

  Path gz(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
      o.write(data);
    }
    return p;
  }

  @Test
  void a_tar_gz_is_listed_with_its_entries_and_unpacked_size() throws IOException {
    Path p = gz("code.tar.gz", tar(new String[] {"src/a.py", "src/b.py"}, new byte[][] {"print(1)\n".getBytes(), new byte[700]}));
    Archives.Listing l = Archives.list(p, Archives.Limits.DEFAULT);
    assertThat(l.entries()).isEqualTo(2);
    assertThat(l.bytes()).isEqualTo(9 + 700);
  }

  @Test
  void a_tar_entry_escaping_its_folder_is_refused() throws IOException {
    Path p = gz("code.tgz", tar(new String[] {"../../home/user/.bashrc"}, new byte[][] {"x".getBytes()}));
    assertThatThrownBy(() -> Archives.list(p, Archives.Limits.DEFAULT)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("entry '../../home/user/.bashrc' would be written outside");
  }

  @Test
  void limits_stop_the_listing_early() throws IOException {
    Path p = gz("big.tar.gz", tar(new String[] {"zeros"}, new byte[][] {new byte[4 << 20]}));
    assertThatThrownBy(() -> Archives.list(p, new Archives.Limits(1 << 20, 10, 1e9, Long.MAX_VALUE)))
        .hasMessageContaining("expands to more than 1048576 bytes uncompressed");
    Path many = gz("many.tar.gz", tar(new String[] {"a", "b", "c"}, new byte[][] {{1}, {2}, {3}}));
    assertThatThrownBy(() -> Archives.list(many, new Archives.Limits(1 << 30, 2, 1e9, Long.MAX_VALUE)))
        .hasMessageContaining("more than 2 entries");
  }

  @Test
  void a_file_that_is_not_an_archive_says_so() throws IOException {
    Path p = Files.writeString(dir.resolve("code.tar.gz"), "not gzip");
    assertThatThrownBy(() -> Archives.list(p, Archives.Limits.DEFAULT)).isInstanceOf(HoldoutException.BadData.class)
        .hasMessageContaining("code.tar.gz: not a readable archive");
  }

  @Test
  void licences_sort_into_what_the_buyer_must_do() {
    assertThat(Licences.classify("Apache-2.0")).isEqualTo(Licences.Kind.PERMISSIVE);
    assertThat(Licences.classify("MIT")).isEqualTo(Licences.Kind.PERMISSIVE);
    assertThat(Licences.classify("LGPL-2.1-or-later")).isEqualTo(Licences.Kind.WEAK_COPYLEFT);
    assertThat(Licences.classify("GPL-3.0-only")).isEqualTo(Licences.Kind.STRONG_COPYLEFT);
    assertThat(Licences.classify("AGPL-3.0")).isEqualTo(Licences.Kind.AGPL);
    assertThat(Licences.classify("CC-BY-NC-SA-4.0")).isEqualTo(Licences.Kind.NON_COMMERCIAL);
    assertThat(Licences.classify("Llama research only licence")).isEqualTo(Licences.Kind.NON_COMMERCIAL);
    assertThat(Licences.classify(null)).isEqualTo(Licences.Kind.UNKNOWN);
    assertThat(Licences.classify("proprietary")).isEqualTo(Licences.Kind.UNKNOWN);
  }
}
