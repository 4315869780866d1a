package dev.holdout.cli;

import static dev.holdout.cli.Cli.example;
import static dev.holdout.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code evaluate}, {@code compare} and {@code drift} with {@code --engine spark} from the command's side: Spark is not on this module's class
 * path, so the option must say how to get it, and refuse what the Spark engine does not do. The
 * engine itself is tested in holdout-spark.
 */
class SparkEngineCommandTest {
  @Test
  void without_the_spark_class_path_the_engine_says_how_to_get_it() {
    Cli r = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--engine", "spark");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--engine spark needs holdout-spark and Spark on the class path: run the command through ./holdout")
        .doesNotContain("at dev.holdout");
  }

  @Test
  void drift_on_spark_without_the_class_path_says_how_to_get_it() {
    Cli r = run("drift", "-r", example("drift/reference.csv"), "-c", example("drift/current.csv"), "--engine", "spark");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--engine spark needs holdout-spark and Spark on the class path").doesNotContain("at dev.holdout");
  }

  @Test
  void drift_on_spark_takes_hadoop_urls_for_windows_the_command_cannot_see() {
    Cli r = run("drift", "-r", "hdfs://lake/ref/", "-c", "hdfs://lake/cur/", "--engine", "spark");
    // past the file checks, stopped only by the missing engine
    assertThat(r.err()).contains("--engine spark needs holdout-spark").doesNotContain("file not found");
    Cli local = run("drift", "-r", "hdfs://lake/ref/", "-c", "hdfs://lake/cur/");
    assertThat(local.err()).contains("file not found");
  }

  @Test
  void compare_on_spark_takes_hadoop_urls_and_says_how_to_get_the_engine() {
    Cli r = run("compare", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "-p", "hdfs://lake/vendor-b/",
        "--engine", "spark", "--master", "local[2]");
    // past the file checks (the URL is not a file here), stopped only by the missing engine
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--engine spark needs holdout-spark and Spark on the class path").doesNotContain("file not found")
        .doesNotContain("at dev.holdout");
    Cli local = run("compare", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "-p", "hdfs://lake/vendor-b/");
    assertThat(local.exit()).isEqualTo(2);
    assertThat(local.err()).doesNotContain("--engine spark needs");
  }

  @Test
  void options_the_spark_engine_does_not_take_are_refused_before_it_starts() {
    Cli r = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--engine", "spark", "--per-row", "rows.csv");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--engine spark evaluates predictions files only");
  }

  @Test
  void an_unknown_engine_is_a_usage_error() {
    Cli r = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--engine", "dask");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--engine").contains("local, spark");
  }

  @Test
  void the_default_engine_is_unchanged_by_the_new_options() {
    Cli r = run("evaluate", example("churn/suite.yaml"), "-p", example("churn/vendor-a.csv"), "--engine", "local", "-q");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("Verdict: ACCEPTED\n");
  }
}
