/**
 * {@code holdout evaluate} on Apache Spark: files read as DataFrames wherever they are, joined by
 * id, gathered by partition into holdout-core's {@code JoinedRows} blocks and evaluated by
 * holdout-core's evaluator, so the report equals the default engine's figure by figure. Binary,
 * multiclass and regression suites; the statistics, criteria and renderers are holdout-core's, not
 * copies.
 */
package dev.holdout.spark;
