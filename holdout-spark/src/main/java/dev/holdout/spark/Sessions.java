package dev.holdout.spark;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions as the holdout command starts them: no web UI, Spark's own logging at WARN, and
 * few shuffle partitions (the join's output is a handful of blocks of columns, and adaptive
 * execution merges small partitions anyway).
 */
public final class Sessions {
  private Sessions() {}

  /** A session on {@code master}: {@code local[*]}, {@code local[2]} or a cluster's {@code spark://host:port}. */
  public static SparkSession start(String master) {
    return start(master, Map.of());
  }

  /** As {@link #start(String)}, with more of Spark's settings (executor memory, cores ...). */
  public static SparkSession start(String master, Map<String, String> settings) {
    Configurator.setRootLevel(Level.WARN);
    SparkSession.Builder builder = SparkSession.builder()
        .master(master)
        .appName("holdout evaluate")
        .config("spark.ui.enabled", false)
        .config("spark.sql.shuffle.partitions", 8)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }
}
