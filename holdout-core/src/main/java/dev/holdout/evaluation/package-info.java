/**
 * The evaluation pipeline: read the labeled set and a submission, join them by id (counting
 * missing and extra ids; a forecasting set by series, origin and period), build weighted cells per view (overall, each slice group), compute point
 * metrics exactly, bootstrap the cells (by group with {@code data.group}, by series for forecasting; a multilabel view's labels
 * in the same replicates), judge the criteria and assemble the report. Renderers in
 * {@code dev.holdout.render} draw what this package computed.
 */
package dev.holdout.evaluation;
