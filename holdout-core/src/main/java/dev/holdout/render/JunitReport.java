package dev.holdout.render;

import dev.holdout.result.Report;
import dev.holdout.base.AtomicFiles;
import dev.holdout.verdict.CriterionResult;
import dev.holdout.verdict.Status;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI servers: one test case per criterion; FAIL is a failure and INCONCLUSIVE is
 * skipped with its reason, so a pipeline shows which contractual bar broke.
 */
public final class JunitReport {
  private JunitReport() {}

  public static String toXml(Report report) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      long failures = report.criteria().stream().filter(c -> c.status() == Status.FAIL).count();
      long skipped = report.criteria().stream().filter(c -> c.status() == Status.INCONCLUSIVE).count();
      String suiteName = "holdout." + report.suite().name() + "." + report.submission().name();
      x.writeAttribute("name", "holdout");
      x.writeAttribute("tests", Integer.toString(report.criteria().size()));
      x.writeAttribute("failures", Long.toString(failures));
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

  public static void write(Report report, Path file) {
    String xml = toXml(report);
    AtomicFiles.write(file, w -> w.write(xml));
  }
}
