package dev.holdout.handover;

import java.util.List;
import java.util.Locale;

/** Sorts a licence name into what a company buying a model must do about it. */
final class Licences {
  private Licences() {}

  enum Kind { PERMISSIVE, WEAK_COPYLEFT, STRONG_COPYLEFT, AGPL, NON_COMMERCIAL, UNKNOWN }

  private static final List<String> PERMISSIVE = List.of("mit", "apache", "bsd", "isc", "zlib", "unlicense", "cc0", "cc-by-4.0", "cc-by-3.0",
      "psf", "python-2.0", "boost", "bsl-1.0", "public domain", "0bsd", "upl");
  private static final List<String> WEAK = List.of("lgpl", "mpl", "epl", "cddl");

  static Kind classify(String licence) {
    if (licence == null || licence.isBlank()) return Kind.UNKNOWN;
    String l = licence.toLowerCase(Locale.ROOT).strip();
    if (l.contains("-nc") || l.contains("non-commercial") || l.contains("noncommercial") || l.contains("non commercial")
        || l.contains("research only") || l.contains("research-only") || l.contains("cc-by-nc") || l.contains("personal use")) {
      return Kind.NON_COMMERCIAL;
    }
    if (l.contains("agpl") || l.contains("affero")) return Kind.AGPL;
    for (String w : WEAK) if (l.contains(w)) return Kind.WEAK_COPYLEFT;
    if (l.contains("gpl")) return Kind.STRONG_COPYLEFT;
    if (l.equals("unknown") || l.equals("proprietary") || l.equals("other") || l.equals("custom")) return Kind.UNKNOWN;
    for (String p : PERMISSIVE) if (l.contains(p)) return Kind.PERMISSIVE;
    return Kind.UNKNOWN;
  }
}
