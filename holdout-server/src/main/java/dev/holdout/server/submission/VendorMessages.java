package dev.holdout.server.submission;

import dev.holdout.base.HoldoutException;
import dev.holdout.evaluation.SubmissionMismatch;
import dev.holdout.server.base.Bounded;
import dev.holdout.suite.Suite;
import java.util.List;

/**
 * What a vendor is told when its file is refused or its evaluation fails: the one home of that
 * policy. A vendor learns about its own file only (its rows, its ids, its values, positions in it)
 * and never an id of the evaluation set, which part an id is in, a class the suite does not list,
 * or a label. Where the engine's message could name the hidden set (ids that do not match, ids
 * missing, a class not among the set's), the message is worded here from the
 * {@link SubmissionMismatch.Facts} about the file; other refusals of the file (a bad value on a
 * line, a missing column, an id given twice) speak of the file already and pass, with the staging
 * path replaced by the file's name. An evaluation that fails after the file was accepted is the
 * server's matter, so the vendor gets {@link #EVALUATION_FAILED} and the owner the reason.
 */
final class VendorMessages {
  static final String EVALUATION_FAILED = "the evaluation of this submission could not be completed; the project owner can see why and may ask you to "
      + "submit it again";

  private VendorMessages() {}

  /** The refusal of an uploaded file, for its vendor; {@code staged} is the server's path of the file, {@code name} the vendor's name for it. */
  static String refusal(HoldoutException e, Suite suite, String staged, String name, String projectId) {
    String file = "'" + Bounded.echo(name) + "'";
    if (!(e instanceof SubmissionMismatch m)) return e.getMessage().replace(staged, file);
    SubmissionMismatch.Facts f = m.facts();
    String inputs = "the ids of GET /api/v1/projects/" + projectId + "/inputs";
    return switch (f.kind()) {
      case NO_ID_MATCHES -> file + ": none of its " + f.rows() + " ids" + examples(f.unknownIds()) + " is an id of this project's inputs; "
          + "send predictions for " + inputs + ", spelled as there";
      case IDS_MISSING -> file + ": has predictions for " + f.matched() + " of the inputs' ids, and the suite says predictions.missing: fail; send one "
          + "for every one of " + inputs;
      case UNKNOWN_CLASS -> file + " " + f.position() + ": predicted class '" + Bounded.echo(f.value()) + "' is not one of the suite's classes"
          + (suite.data().classes() == null ? "; use the class names the project's suite gives" : " " + suite.data().classes());
      case UNKNOWN_ID -> file + " " + f.position() + ": '" + Bounded.echo(f.value()) + "' is not one of this project's queries; rank only "
          + inputs + ", spelled as there";
    };
  }

  private static String examples(List<String> ids) {
    if (ids.isEmpty()) return "";
    return " (e.g. " + String.join(", ", ids.stream().limit(3).map(i -> "'" + Bounded.echo(i) + "'").toList()) + ")";
  }
}
