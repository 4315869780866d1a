package dev.holdout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LicenceTermsTest {
  @Test
  void each_kind_of_licence_gets_its_status_and_the_item_names_the_version() {
    List<Check> checks = LicenceTerms.check(List.of(new Manifest.Component("numpy", "1.26", "BSD-3-Clause", 1),
        new Manifest.Component("gpl-lib", null, "GPL-3.0", 2), new Manifest.Component("weights", null, "CC-BY-NC-4.0", 3),
        new Manifest.Component("mystery", null, null, 4)));
    assertThat(checks).extracting(Check::item).containsExactly("numpy 1.26", "gpl-lib", "weights", "mystery");
    assertThat(checks).extracting(Check::status).containsExactly(Check.Status.PASS, Check.Status.WARN, Check.Status.FAIL, Check.Status.WARN);
    assertThat(checks.get(3).detail()).isEqualTo("no licence given; the buyer cannot tell whether it may use it");
  }
}
