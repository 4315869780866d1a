/**
 * Search relevance from logged clicks ({@code holdout clicks}): a click log read into sessions, the
 * position-based click model fitted by EM (examination by position, attractiveness by query and
 * document) turned into graded judgements, and the inverse-propensity-scored estimate of a new
 * ranking's clicks from the logged ones, with intervals that resample queries. It does not model
 * cascades or sessions across queries.
 */
package dev.holdout.clicks;
