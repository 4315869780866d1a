package dev.holdout.server;

import dev.holdout.base.HoldoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real server in a child JVM, as {@code holdout serve} runs it: {@link #main} starts
 * {@link HoldoutServer} on a data folder and prints "listening PORT" (and "token T" on a new store),
 * or "refused MESSAGE" and exits 2. The test side starts it, reads those lines, and kills it with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux).
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  public final int port;
  public final String token;
  public final String refusal;

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    String db = args[1].equals("-") ? null : args[1];
    try {
      HoldoutServer s = HoldoutServer.start(new HoldoutServer.Config(dir, "127.0.0.1", 0, db, 2, 1L << 30));
      System.out.println("listening " + s.port());
      s.ownerToken().ifPresent(t -> System.out.println("token " + t));
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    } catch (HoldoutException e) {
      System.out.println("refused " + e.getMessage());
      System.out.flush();
      System.exit(2);
    }
  }

  /** Starts a server process on {@code dir} ({@code dbUrl} null: embedded) and waits until it listens or refuses. */
  public ServerProcess(Path dir, String dbUrl) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        ServerProcess.class.getName(), dir.toString(), dbUrl == null ? "-" : dbUrl).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (IOException e) {
        // the process died, which is what these tests do to it
      }
    });
    reader.setDaemon(true);
    reader.start();
    int p = -1;
    String t = null;
    String why = null;
    StringBuilder seen = new StringBuilder();
    while (true) {
      String l = lines.poll(120, TimeUnit.SECONDS);
      if (l == null) throw new AssertionError("the server process said neither 'ready' nor 'refused' in 120 s; its output: " + seen);
      seen.append(l).append('\n');
      if (l.startsWith("listening ")) p = Integer.parseInt(l.substring(10).strip());
      else if (l.startsWith("token ")) t = l.substring(6).strip();
      else if (l.startsWith("refused ")) {
        why = l.substring(8);
        process.waitFor(60, TimeUnit.SECONDS);
        break;
      } else if (l.equals("ready")) break;
    }
    port = p;
    token = t;
    refusal = why;
  }

  /** The exit code once the process has ended (it must end within a minute). */
  public int exitCode() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("the server process did not end");
    return process.exitValue();
  }

  /** SIGKILL, and wait until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
