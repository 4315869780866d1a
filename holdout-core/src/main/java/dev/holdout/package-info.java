/**
 * Holdout: the evaluation a buyer of machine learning keeps for itself. {@link dev.holdout.Holdout}
 * is the library entry point; the packages below hold the engine by concept (data, metric, stats,
 * suite, verdict, report).
 */
package dev.holdout;
