package dev.holdout.render;

import static dev.holdout.render.Html.esc;

import dev.holdout.base.Format;
import dev.holdout.result.Report;

/** The serving section of the evaluation page, for reports of {@code holdout score} and {@code holdout run}. */
final class ServingSection {
  private ServingSection() {}

  /** How {@code holdout score} or {@code holdout run} obtained the predictions: latency, throughput, failures, cost. */
  static void append(StringBuilder b, Report.Serving s) {
    b.append("<section class=\"card\" id=\"serving\">\n<h2>Serving</h2>\n<p class=\"lede\">")
        .append(s.kind().equals("onnx") ? "The ONNX model run in-process by Holdout: " : "The endpoint called by Holdout: ")
        .append(esc(s.target())).append("</p>\n<dl>");
    b.append("<dt>Rows</dt><dd>").append(Format.count(s.rows())).append(" sent, ").append(Format.count(s.rowsFailed()))
        .append(" without a prediction (error rate ").append(Format.number(s.errorRate())).append(")</dd>");
    b.append("<dt>Calls</dt><dd>").append(Format.count(s.calls())).append(" of up to ").append(s.batchSize()).append(" rows, ")
        .append(s.concurrency()).append(" at a time; ").append(Format.count(s.requests())).append(" requests, ")
        .append(Format.count(s.failedAttempts())).append(" failed attempts, ").append(Format.count(s.retries())).append(" retries, ")
        .append(Format.count(s.cached())).append(" answers from the cache").append(s.repeats() > 1 ? "; each row asked " + s.repeats() + " times" : "")
        .append("</dd>");
    Report.Latency l = s.latencyMs();
    b.append("<dt>Latency per call</dt><dd>p50 ").append(Format.millis(l.p50())).append(", p90 ").append(Format.millis(l.p90()))
        .append(", p95 ").append(Format.millis(l.p95())).append(", p99 ").append(Format.millis(l.p99())).append(", max ")
        .append(Format.millis(l.max())).append("</dd>");
    b.append("<dt>Throughput</dt><dd>").append(Format.count(s.rowsPerSecond())).append(" rows/s over ").append(Format.seconds(s.seconds())).append("</dd>");
    if (s.costPer1000() != null) b.append("<dt>Cost</dt><dd>").append(Format.number(s.costPer1000())).append(" per 1,000 rows</dd>");
    for (String e : s.errors()) b.append("<dt>Error</dt><dd>").append(esc(e)).append("</dd>");
    b.append("</dl>\n</section>\n");
  }
}
