/**
 * The renderers: terminal text, JSON, JUnit XML and self-contained HTML pages (inline SVG charts,
 * no script, nothing fetched) for evaluation, comparison, audit, drift, monitor and handover
 * results. Renderers compute nothing: they draw what the result records hold, so every figure on
 * a page is in the JSON too. docs/report.md is the reference.
 */
package dev.holdout.render;
