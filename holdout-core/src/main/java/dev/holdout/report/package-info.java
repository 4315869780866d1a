/**
 * The report, {@code holdout.report/v1}, as records that serialise to the documented JSON (keys in
 * snake_case, absent values left out), and its renderers: terminal text, JSON, JUnit XML and a
 * self-contained HTML page with inline SVG charts (no script, nothing fetched). Renderers compute
 * nothing; they draw what the report holds. docs/report.md is the reference.
 */
package dev.holdout.report;
