/**
 * Vendor submissions from upload to verdict: the quota, the evaluation queue (public, private and
 * whole-set scores), champion and challenger, and what a vendor is told when its file is refused
 * or its evaluation fails (its own file only, never the hidden set).
 */
package dev.holdout.server.submission;
