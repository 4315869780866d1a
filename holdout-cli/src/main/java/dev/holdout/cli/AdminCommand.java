package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import dev.holdout.server.Admin;
import dev.holdout.server.log.AuditLog;
import dev.holdout.server.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout admin}: owner tokens and the audit log check, run on the server's machine against its store. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Administer a Holdout server's store directly (run where the server runs).",
    subcommands = {AdminCommand.Token.class, AdminCommand.VerifyLog.class})
final class AdminCommand {

  /** Where the store is. */
  static final class Store {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "holdout-data", description = "The server's data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL", description = "The server's PostgreSQL URL, when it uses one.")
    String db;

    <T> T open(Supplier<T> work) {
      try {
        return work.get();
      } catch (Database.StoreException e) {
        throw new HoldoutException(e.getMessage());
      }
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
      String token = store.open(() -> Admin.ownerToken(store.dataDir, store.db, name));
      spec.commandLine().getOut().println(token);
      return 0;
    }
  }

  @Command(name = "verify-log", mixinStandardHelpOptions = true,
      description = "Check the audit log's hash chain; names the first altered, missing or inserted entry.",
      footer = {"", "Exit codes: 0 intact, 1 broken, 2 bad input."})
  static final class VerifyLog implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Override
    public Integer call() {
      AuditLog.Verification v = store.open(() -> Admin.verifyLog(store.dataDir, store.db));
      PrintWriter out = spec.commandLine().getOut();
      if (v.intact()) {
        out.println("audit log intact: " + v.entries() + " entries, each chained to the one before");
        return 0;
      }
      out.println("audit log BROKEN at entry " + v.firstBadEntry().orElseThrow() + ": " + v.problem().orElseThrow());
      out.println(v.entries() + " entries before it are intact");
      return 1;
    }
  }
}
