package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import dev.holdout.server.HoldoutServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout serve}: the API for hidden evaluation sets, vendor submissions and the leaderboard. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Run the Holdout server for hidden evaluation sets and vendor submissions.",
        "Hidden evaluation sets, vendor submissions, a Ladder leaderboard, champion and challenger, and a hash-chained audit "
            + "log, as a JSON API under /api/v1 (described at /api/v1/openapi.json). The first start creates an owner account "
            + "and prints its token once."},
    footer = {"", "Exit codes: 0 after a clean stop, 2 bad input or usage."})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "holdout-data",
      description = "Folder for the embedded database, evaluation sets and submissions (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--db", paramLabel = "URL", description = "Use PostgreSQL instead of the embedded database, e.g. postgresql://127.0.0.1:5432/holdout?user=holdout.")
  String db;

  @Option(names = "--signing-key", paramLabel = "FILE",
      description = "The audit trail's signing key file (default: signing.key in the data folder, made at the first start); keep it where the database's writers cannot read.")
  Path signingKey;

  @Option(names = "--workers", paramLabel = "N", description = "Evaluations run at once (default: the number of cores).")
  Integer workers;

  @Option(names = "--cached-rows", paramLabel = "N", defaultValue = "20000000",
      description = "Evaluation set rows kept in memory across projects; the least recently used sets are read again when needed (default: ${DEFAULT-VALUE}).")
  long cachedRows;

  @Option(names = "--secure-cookies", description = "Mark the web pages' session cookie Secure on every answer, for a server behind a TLS proxy "
      + "that does not send X-Forwarded-Proto (without it, only requests that came over TLS get it).")
  boolean secureCookies;

  @Option(names = "--session-hours", paramLabel = "H", defaultValue = "8",
      description = "How long a web page session lasts before signing in again (default: ${DEFAULT-VALUE}).")
  double sessionHours;

  @Override
  public Integer call() throws InterruptedException {
    if (!(sessionHours > 0 && sessionHours <= 24 * 30)) throw new HoldoutException("--session-hours: expected more than 0 and at most 720, found " + sessionHours);
    if (port < 0 || port > 65_535) throw new HoldoutException("--port: expected 0 to 65535, found " + port);
    if (cachedRows < 1) throw new HoldoutException("--cached-rows: expected 1 or more rows, found " + cachedRows);
    HoldoutServer.Config d = HoldoutServer.Config.defaults(dataDir);
    HoldoutServer.Config config = new HoldoutServer.Config(dataDir, host, port, db, workers == null ? d.workers() : Math.max(1, workers), d.maxDataBytes(),
        cachedRows, signingKey).withSessions(secureCookies, Duration.ofMinutes(Math.max(1, Math.round(sessionHours * 60))));
    HoldoutServer server = HoldoutServer.start(config);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Holdout server listening on http://" + host + ":" + server.port() + "/api/v1 (data in " + dataDir.toAbsolutePath() + "); web pages at http://"
        + host + ":" + server.port() + "/");
    server.ownerToken().ifPresent(t -> {
      out.println("Owner token (shown once; keep it secret): " + t);
      out.println("More owner tokens: holdout admin token --data-dir " + dataDir + (db == null ? "" : " --db '" + db.replaceAll("(?i)(password=)[^&]*", "$1...") + "'")
          + (signingKey == null ? "" : " --signing-key " + signingKey));
    });
    if (server.requeued() > 0) out.println("Resumed " + server.requeued() + " queued evaluation(s).");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "holdout-stop"));
    stopped.await();
    return 0;
  }
}
