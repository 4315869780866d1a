package dev.holdout.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.holdout.Holdout;
import dev.holdout.base.Progress;
import dev.holdout.drift.Drift;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1: a master and two workers in child JVMs started from this
 * test's class path, each worker running its executor in a JVM of its own, so the job's closures,
 * the {@code JoinedRows} blocks and holdout-core's classes cross process boundaries as on a cluster.
 */
class StandaloneClusterTest {
  /** How long the master and the workers may take to come up on a loaded 2-core machine. */
  private static final long START_MILLIS = 180_000;

  @TempDir
  static Path dir;

  private static final List<Process> processes = new ArrayList<>();
  private static String master;

  @BeforeAll
  static void startCluster() throws Exception {
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    Path masterLog = dir.resolve("master.log");
    start(masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--webui-port", String.valueOf(freePort()));
    awaitLine(masterLog, "I have been elected leader");
    for (int w = 1; w <= 2; w++) {
      Path work = Files.createDirectories(dir.resolve("worker" + w));
      Path log = dir.resolve("worker" + w + ".log");
      start(log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "768m",
          "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString(), master);
      awaitLine(log, "Successfully registered with master");
    }
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process p : processes) p.destroy();
    for (Process p : processes) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  @Test
  void a_job_on_two_workers_gives_the_single_jvm_report() throws IOException {
    // small, so the time goes to the cluster, not to the bootstrap
    Random random = new Random(22);
    List<String> eval = new ArrayList<>(List.of("id,region,y"));
    List<String> pred = new ArrayList<>(List.of("id,p"));
    for (int i = 0; i < 600; i++) {
      boolean positive = random.nextInt(3) == 0;
      eval.add("u" + i + "," + (random.nextBoolean() ? "east" : "west") + "," + (positive ? 1 : 0));
      pred.add("u" + i + "," + Math.round(100 * Math.min(1, Math.max(0, (positive ? 0.65 : 0.35) + 0.2 * random.nextGaussian()))) / 100.0);
    }
    Files.write(dir.resolve("eval.csv"), eval);
    Path predictions = Files.write(dir.resolve("pred.csv"), pred);
    Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: on-a-cluster
        problem: Tell positives from negatives.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y, slices: [region]}
        predictions: {id: id, score: p}
        criteria:
          - {metric: roc_auc, min: 0.7}
          - {metric: recall, slice: region, worst_min: 0.5}
        bootstrap: {replicates: 200, seed: 9}
        """);
    Suite suite = Holdout.suite(dir.resolve("suite.yaml"));
    SparkSession spark = session();
    try {
      Report distributed = SparkEvaluation.evaluate(spark, suite, predictions.toString(), null);
      // the driver plus one executor on each worker
      assertThat(spark.sparkContext().statusTracker().getExecutorInfos()).hasSize(3);
      Report single = Holdout.evaluate(suite, predictions, Progress.NONE);
      SameReports.assertSame(single, distributed);
    } finally {
      spark.stop();
    }
  }

  @Test
  void drift_on_two_workers_gives_the_single_jvm_figures() throws IOException {
    Random random = new Random(23);
    for (String side : List.of("ref", "cur")) {
      List<String> lines = new ArrayList<>(List.of("amount,city,visits"));
      double shift = side.equals("cur") ? 0.4 : 0;
      for (int i = 0; i < 1_500; i++) {
        lines.add(Math.round((50 + 10 * (random.nextGaussian() + shift)) * 100) / 100.0 + "," + (random.nextDouble() < 0.5 + shift / 2 ? "oslo" : "lima")
            + "," + (random.nextInt(10) == 0 ? "" : String.valueOf(random.nextInt(4))));
      }
      // several partitions, so WindowParts cross from both executors
      Files.write(dir.resolve(side + ".csv"), lines);
    }
    DriftSettings settings = DriftSettings.defaults();
    settings = settings.withVerdict(settings.share(), settings.classifierAuc(), 0);
    SparkSession spark = session();
    try {
      DriftReport distributed = SparkDrift.judge(spark, dir.resolve("ref.csv").toString(), dir.resolve("cur.csv").toString(), settings, List.of());
      DriftReport single = Drift.run(dir.resolve("ref.csv"), dir.resolve("cur.csv"), settings, null, List.of(), Progress.NONE);
      assertThat(distributed.columns()).hasSize(3);
      for (int i = 0; i < 3; i++) {
        var a = single.columns().get(i);
        var b = distributed.columns().get(i);
        assertThat(b.column()).isEqualTo(a.column());
        assertThat(b.method()).isEqualTo(a.method());
        assertThat(b.score()).as(a.column()).isCloseTo(a.score(), offset(1e-9));
        assertThat(b.drifted()).isEqualTo(a.drifted());
        assertThat(b.computed()).isEqualTo("exact");
      }
      assertThat(distributed.verdict()).isEqualTo(single.verdict());
    } finally {
      spark.stop();
    }
  }

  /** A session on the cluster: an executor of one core on each worker, classes from the test's class path. */
  private static SparkSession session() {
    return Sessions.start(master, Map.of(
        "spark.executor.memory", "512m",
        "spark.executor.cores", "1",
        "spark.cores.max", "2",
        "spark.executor.extraClassPath", classPath(),
        "spark.sql.shuffle.partitions", "4",
        "spark.sql.files.maxPartitionBytes", "16k",
        // the first job starts once both executors are up, however slow the machine
        "spark.scheduler.minRegisteredResourcesRatio", "1.0",
        "spark.scheduler.maxRegisteredResourcesWaitingTime", "180s"));
  }

  /** The test's class path in full (Surefire runs the test from a jar that only points to it). */
  private static String classPath() {
    String full = System.getProperty("surefire.test.class.path");
    return full != null ? full : System.getProperty("java.class.path");
  }

  private static void start(Path log, String main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(List.of(System.getProperty("holdout.spark.opens", "").split(" ")));
    command.removeIf(String::isBlank);
    command.addAll(List.of("-cp", classPath(), main));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    // no Spark distribution: executors take their classes from spark.executor.extraClassPath
    env.put("SPARK_HOME", dir.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_TESTING", "1");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    processes.add(pb.start());
  }

  private static void awaitLine(Path log, String line) throws Exception {
    long end = System.currentTimeMillis() + START_MILLIS;
    while (System.currentTimeMillis() < end) {
      if (Files.exists(log) && Files.readString(log).contains(line)) return;
      for (Process p : processes) {
        if (!p.isAlive()) throw new AssertionError("a cluster process ended early; its log:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + line + "' in " + log + " within " + START_MILLIS / 1000 + " s:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
