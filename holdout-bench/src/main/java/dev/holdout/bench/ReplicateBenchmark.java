package dev.holdout.bench;

import dev.holdout.metric.BinaryCells;
import dev.holdout.metric.BinaryMetrics;
import dev.holdout.metric.MetricValue;
import dev.holdout.stats.Poisson;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One bootstrap replicate of a binary view: Poisson weights for 8,192 compressed cells, then every
 * binary metric. The 10-million-row benchmark runs this about 9,000 times.
 *
 * <pre>java -cp holdout-bench/target/classes:holdout-bench/target/lib/* org.openjdk.jmh.Main ReplicateBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplicateBenchmark {
  private BinaryCells cells;
  private Poisson.Means means;
  private double[] weights;
  private SplittableRandom random;

  @Setup
  public void setUp() {
    int n = 2_500_000;
    SplittableRandom r = new SplittableRandom(1);
    boolean[] positive = new boolean[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      positive[i] = r.nextDouble() < 0.2;
      score[i] = 1 / (1 + Math.exp(-((positive[i] ? 1.2 : -1) + Synthetic.normal(r))));
    }
    cells = BinaryCells.ofRows(positive, score).compress(8_192, new double[] {0.5});
    means = new Poisson.Means(cells.counts());
    weights = new double[cells.size()];
    random = new SplittableRandom(7);
  }

  @Benchmark
  public double[] poissonWeights() {
    means.draw(random, weights);
    return weights;
  }

  @Benchmark
  public Map<String, MetricValue> replicate() {
    means.draw(random, weights);
    return BinaryMetrics.compute(cells, 0, weights, 0.5, null);
  }
}
