package dev.holdout.render;

import dev.holdout.base.Format;
import dev.holdout.result.Report;
import dev.holdout.result.RowCheck;
import dev.holdout.base.AtomicFiles;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI servers: one test case per criterion; FAIL is a failure and INCONCLUSIVE is
 * skipped with its reason, so a pipeline shows which contractual bar broke. With row checks
 * ({@code holdout run --per-row}), a second test suite has one test case per row, failed with the
 * checks the row failed.
 */
public final class JunitReport {
  private JunitReport() {}

  public static String toXml(Report report) {
    return toXml(report, List.of());
  }

  /** As {@link #toXml(Report)}, with a test suite of one test case per row when {@code rows} is not empty. */
  public static String toXml(Report report, List<RowCheck> rows) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      long failures = report.criteria().stream().filter(c -> c.status() == Status.FAIL).count();
      long rowFailures = rows.stream().filter(r -> !r.passed()).count();
      long skipped = report.criteria().stream().filter(c -> c.status() == Status.INCONCLUSIVE).count();
      String suiteName = "holdout." + report.suite().name() + "." + report.submission().name();
      x.writeAttribute("name", "holdout");
      x.writeAttribute("tests", Integer.toString(report.criteria().size() + rows.size()));
      x.writeAttribute("failures", Long.toString(failures + rowFailures));
      x.writeAttribute("skipped", Long.toString(skipped));
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", suiteName);
      x.writeAttribute("tests", Integer.toString(report.criteria().size()));
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", Long.toString(skipped));
      for (CriterionResult c : report.criteria()) {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", suiteName);
        x.writeAttribute("name", c.id() + ": " + c.description());
        x.writeAttribute("time", "0");
        String detail = TerminalReport.observedText(c) + "; " + c.reason();
        if (c.status() == Status.FAIL) {
          x.writeCharacters("\n      ");
          x.writeStartElement("failure");
          x.writeAttribute("message", detail);
          x.writeAttribute("type", "criterion");
          x.writeCharacters(detail);
          x.writeEndElement();
          x.writeCharacters("\n    ");
        } else if (c.status() == Status.INCONCLUSIVE) {
          x.writeCharacters("\n      ");
          x.writeEmptyElement("skipped");
          x.writeAttribute("message", "INCONCLUSIVE: " + detail);
          x.writeCharacters("\n    ");
        }
        x.writeEndElement();
      }
      x.writeCharacters("\n    ");
      x.writeStartElement("system-out");
      x.writeCharacters("verdict: " + report.verdict());
      x.writeEndElement();
      x.writeCharacters("\n  ");
      x.writeEndElement();
      if (!rows.isEmpty()) rowSuite(x, suiteName + ".rows", rows, rowFailures);
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to memory cannot fail", e);
    }
    return out.toString();
  }

  private static void rowSuite(XMLStreamWriter x, String name, List<RowCheck> rows, long failures) throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", name);
    x.writeAttribute("tests", Integer.toString(rows.size()));
    x.writeAttribute("failures", Long.toString(failures));
    x.writeAttribute("errors", "0");
    x.writeAttribute("skipped", "0");
    for (RowCheck r : rows) {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      x.writeAttribute("classname", name);
      x.writeAttribute("name", r.id());
      x.writeAttribute("time", "0");
      StringBuilder values = new StringBuilder();
      r.values().forEach((k, v) -> values.append(values.isEmpty() ? "" : ", ").append(k).append(' ').append(Double.isNaN(v) ? "no value" : Format.number(v)));
      if (!r.passed()) {
        x.writeCharacters("\n      ");
        x.writeStartElement("failure");
        x.writeAttribute("message", "failed " + String.join(", ", r.failed()));
        x.writeAttribute("type", "row");
        x.writeCharacters(values.toString());
        x.writeEndElement();
      }
      x.writeCharacters("\n      ");
      x.writeStartElement("system-out");
      x.writeCharacters(values.toString());
      x.writeEndElement();
      x.writeCharacters("\n    ");
      x.writeEndElement();
    }
    x.writeCharacters("\n  ");
    x.writeEndElement();
  }

  public static void write(Report report, Path file) {
    write(report, List.of(), file);
  }

  /** Writes {@link #toXml(Report, List)} to {@code file}. */
  public static void write(Report report, List<RowCheck> rows, Path file) {
    String xml = toXml(report, rows);
    AtomicFiles.write(file, w -> w.write(xml));
  }
}
