/**
 * The buyer's engagement around the measurements: the framing of the problem ({@code holdout init}),
 * the acceptance annex's content, the cost model that turns the cost matrix's measured cost per
 * 1,000 decisions into money per year, total cost of ownership and break-even, vendor scorecards,
 * and the evidence pack's index and fingerprints. Engine only: renderers in {@code render} and the
 * commands in the CLI read these records; nothing here formats a page.
 */
package dev.holdout.engagement;
