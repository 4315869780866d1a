package dev.holdout.server.trail;

import dev.holdout.base.HoldoutException;
import dev.holdout.server.base.Bounded;
import java.util.Locale;

/**
 * The trail's head as the owner writes it down elsewhere: how many entries there were and the hash
 * of the last, as {@code COUNT:HASH}. A later trail must still have that entry with that hash, so a
 * rewrite at or before it, a cut tail or a store rolled back to older backups shows against it.
 */
public record Checkpoint(long entries, String hash) {
  public Checkpoint {
    if (entries < 0) throw new IllegalArgumentException("entries must be 0 or more, found " + entries);
    if (hash == null || !hash.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("hash must be 64 hexadecimal digits, found " + hash);
  }

  /** Reads {@code COUNT:HASH} as {@code holdout admin checkpoint} prints it. */
  public static Checkpoint parse(String text) {
    String t = text == null ? "" : text.strip();
    int colon = t.indexOf(':');
    try {
      if (colon > 0) return new Checkpoint(Long.parseLong(t.substring(0, colon)), t.substring(colon + 1).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // falls through to the advice below
    }
    throw new HoldoutException("--checkpoint: expected COUNT:HASH as holdout admin checkpoint prints it (such as 42:9f86d0...), found '"
        + Bounded.echo(t) + "'");
  }

  @Override
  public String toString() {
    return entries + ":" + hash;
  }
}
