package dev.holdout.handover;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a handover verification: the area (files, weights, reproducibility, licences,
 * model card, manifest), the item checked, PASS / WARN / FAIL, what was found, and for WARN and
 * FAIL what to ask the vendor for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Check(String area, String item, Status status, String detail, String ask) {
  /** FAIL makes the handover INCOMPLETE; WARN is for the buyer to weigh. */
  public enum Status { PASS, WARN, FAIL }

  static Check pass(String area, String item, String detail) {
    return new Check(area, item, Status.PASS, detail, null);
  }

  static Check warn(String area, String item, String detail, String ask) {
    return new Check(area, item, Status.WARN, detail, ask);
  }

  static Check fail(String area, String item, String detail, String ask) {
    return new Check(area, item, Status.FAIL, detail, ask);
  }
}
