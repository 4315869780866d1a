/**
 * Judged answers: an OpenAI-compatible chat endpoint grades each text generation answer with the
 * suite's rubric on a small whole-number scale, several times (3 by default), with every grade
 * and reason cached and written out. Also the agreement between those repeats (Krippendorff's
 * alpha, interval metric) and between the judge and human grades (Cohen's kappa). It does not
 * decide anything: the evaluation turns the grades into the {@code judge_score} metric.
 */
package dev.holdout.judge;
