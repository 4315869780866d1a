/**
 * Statistics behind every verdict: the Poisson bootstrap over sufficient-statistic cells, resampling
 * rows or, with {@link dev.holdout.stats.Clusters}, groups of rows (seeded, reproducible,
 * percentile intervals), paired differences with one-sided p-values, and the estimate of how many
 * more labeled rows or groups would decide an inconclusive criterion. It does not know about files
 * or suites.
 */
package dev.holdout.stats;
