/**
 * The renderers: terminal text, JSON, JUnit XML and self-contained HTML pages (inline SVG charts,
 * no script, nothing fetched) for evaluation, comparison, audit, drift, monitor and handover
 * results. Renderers compute nothing: they draw what the result records hold, so every figure on
 * a page is in the JSON too, and write every figure through {@code base.Format}. Every HTML page
 * wears one shell ({@code Page}: head, the one stylesheet report.css, header, footer with the
 * provenance); the evaluation page is built from one class per section. docs/report.md is the
 * reference.
 */
package dev.holdout.render;
