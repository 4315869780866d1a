package dev.holdout.handover;

import java.util.ArrayList;
import java.util.List;

/**
 * Check "licences": each third-party component's licence as {@link Licences} classifies it:
 * permissive and weak copyleft PASS, strong copyleft, AGPL and unknown licences WARN, non-commercial
 * FAIL, each with what to ask for.
 */
final class LicenceTerms {
  private LicenceTerms() {}

  static List<Check> check(List<Manifest.Component> components) {
    List<Check> out = new ArrayList<>();
    for (Manifest.Component c : components) {
      String item = c.name() + (c.version() == null ? "" : " " + c.version());
      String l = c.licence();
      out.add(switch (Licences.classify(l)) {
        case PERMISSIVE -> Check.pass("licences", item, l + ": permissive");
        case WEAK_COPYLEFT -> Check.pass("licences", item, l + ": weak copyleft; changes to the component itself must be shared");
        case STRONG_COPYLEFT -> Check.warn("licences", item, l + ": copyleft; distributing software that includes it obliges the buyer to share its source",
            "confirm with counsel how the component is used, or a replacement under a permissive licence");
        case AGPL -> Check.warn("licences", item, l + ": AGPL; offering the model as a network service obliges the buyer to publish the source of the whole service",
            "a replacement under a permissive licence, or counsel's approval");
        case NON_COMMERCIAL -> Check.fail("licences", item, l + ": non-commercial; the buyer may not use it in its business",
            "a replacement, or a commercial licence from the owner");
        default -> Check.warn("licences", item, (l == null ? "no licence given" : "'" + l + "' is not a licence Holdout recognises")
            + "; the buyer cannot tell whether it may use it", "the component's licence (an SPDX identifier such as Apache-2.0)");
      });
    }
    return out;
  }
}
