/**
 * Red-team probes of a chat endpoint ({@code holdout probe}): a probe set written and shipped by
 * the project, one family per risk, each family mapped to the OWASP Top 10 for LLM applications
 * (2025), judged by lexical rules (a planted canary or marker must not come back; a harmless
 * question must not be refused). It asks and counts; it does not grade with a model.
 */
package dev.holdout.probe;
