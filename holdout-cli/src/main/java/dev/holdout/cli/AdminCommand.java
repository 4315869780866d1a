package dev.holdout.cli;

import dev.holdout.server.ServerAdmin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdout admin}: owner tokens, revocation and the audit trail's checkpoint and check, run on
 * the server's machine. They ask the running server when one holds the data folder, and open the
 * store directly otherwise ({@link ServerAdmin}).
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Administer a Holdout server's store on its machine (through the server when it runs).",
    subcommands = {AdminCommand.Token.class, AdminCommand.Revoke.class, AdminCommand.Checkpoint.class, AdminCommand.VerifyLog.class})
final class AdminCommand {

  /** Where the store is. */
  static final class Store {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "holdout-data", description = "The server's data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL", description = "The server's PostgreSQL URL, when it uses one.")
    String db;

    @Option(names = "--signing-key", paramLabel = "FILE", description = "The audit trail's key file, when the server was given one (default: signing.key in the data folder).")
    Path signingKey;

    ServerAdmin.Store store() {
      return new ServerAdmin.Store(dataDir, db, signingKey);
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true, description = "Make a new owner token (the account is created if new).")
  static final class Token implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Option(names = "--name", defaultValue = "owner", description = "The owner account (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(ServerAdmin.ownerToken(store.store(), name));
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke every token of an account (owner or vendor); its next request is refused (401).")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account's name.")
    String name;

    @Override
    public Integer call() {
      ServerAdmin.Revoked r = ServerAdmin.revoke(store.store(), name);
      spec.commandLine().getOut().println("revoked " + r.tokens() + " token(s) of " + r.role() + " '" + r.account() + "'");
      return 0;
    }
  }

  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = {"Check the audit trail, then print its head as COUNT:HASH.",
          "Keep it somewhere the server's machine cannot write (a ticket, an e-mail, another machine): verify-log --checkpoint "
              + "then detects a rewrite, a cut tail or a rolled-back store."},
      footer = {"", "Exit codes: 0 printed, 2 broken trail or bad input."})
  static final class Checkpoint implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Override
    public Integer call() {
      ServerAdmin.Head h = ServerAdmin.checkpoint(store.store());
      spec.commandLine().getOut().println(h);
      spec.commandLine().getErr().println(h.entries() + " entries, intact; later: holdout admin verify-log --checkpoint " + h);
      return 0;
    }
  }

  @Command(name = "verify-log", mixinStandardHelpOptions = true,
      description = {"Check the audit trail: hash chain, signatures and the tables against the state it records.",
          "Each entry's hash chain and signature, its head, the tables against the state it records, and with --checkpoint, "
              + "that the trail still has the entry and hash written down earlier."},
      footer = {"", "Exit codes: 0 intact, 1 broken, 2 bad input."})
  static final class VerifyLog implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Option(names = "--checkpoint", paramLabel = "COUNT:HASH", description = "A head printed earlier by holdout admin checkpoint.")
    String checkpoint;

    @Override
    public Integer call() {
      ServerAdmin.Check v = ServerAdmin.verify(store.store(), checkpoint);
      PrintWriter out = spec.commandLine().getOut();
      if (v.intact()) {
        out.println("audit log intact: " + v.entries() + " entries, each chained to the one before and signed; the tables match them"
            + (checkpoint == null ? "" : "; the checkpoint " + checkpoint.strip() + " is in it"));
        return 0;
      }
      out.println("audit log BROKEN" + (v.firstBadEntry() == null ? "" : " at entry " + v.firstBadEntry()) + ": " + v.problem());
      return 1;
    }
  }
}
