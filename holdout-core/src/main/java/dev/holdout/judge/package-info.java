/**
 * Judged answers: an OpenAI-compatible chat endpoint grades each text generation answer with the
 * suite's rubric on a small whole-number scale, several times (3 by default), with every grade
 * and reason cached and written out. Also the agreement between those repeats (Krippendorff's
 * alpha, interval metric), between the judge and human grades (Cohen's kappa), and the mean human
 * grade by prediction-powered inference ({@link dev.holdout.judge.Ppi}). It decides nothing: the
 * evaluation turns the grades into metrics and holds an unchecked judge out of criteria.
 */
package dev.holdout.judge;
