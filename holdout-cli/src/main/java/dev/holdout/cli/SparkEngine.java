package dev.holdout.cli;

import dev.holdout.base.HoldoutException;
import dev.holdout.drift.DriftReport;
import dev.holdout.drift.DriftSettings;
import dev.holdout.result.CompareReport;
import dev.holdout.result.Report;
import dev.holdout.suite.Suite;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * {@code holdout evaluate}, {@code compare} and {@code drift} with {@code --engine spark}: holdout-spark and Spark's jars (about 300 MB) are
 * loaded only here, from the class path in the system property {@value #CLASSPATH} that the
 * {@code holdout} script sets when it sees {@code --engine spark}, so every other run starts as
 * before. The engine's entry point is looked up by name: this module does not depend on Spark.
 */
final class SparkEngine {
  /** The system property holding holdout-spark's class path (entries separated as the platform does). */
  static final String CLASSPATH = "holdout.spark.classpath";
  private static final String EVALUATION = "dev.holdout.spark.SparkEvaluation";
  private static final String DRIFT = "dev.holdout.spark.SparkDrift";
  private static final String COMPARISON = "dev.holdout.spark.SparkComparison";

  private SparkEngine() {}

  /** The report of {@code predictions} (a path or a Hadoop URL) evaluated on Spark at {@code master}. */
  static Report evaluate(Suite suite, String predictions, String master) {
    return (Report) call(EVALUATION, "onMaster", new Class<?>[] {String.class, Suite.class, String.class, String.class},
        master, suite, predictions, null);
  }

  /** The comparison of the predictions at {@code predictions} (paths or Hadoop URLs) ranked on Spark at {@code master}. */
  static CompareReport compare(Suite suite, List<String> predictions, String master) {
    return (CompareReport) call(COMPARISON, "onMaster", new Class<?>[] {String.class, Suite.class, List.class}, master, suite, predictions);
  }

  /**
   * The drift report of the window at {@code current} against {@code reference} (paths or Hadoop
   * URLs) judged on Spark at {@code master}; {@code slices}: the suite's slice columns.
   */
  static DriftReport drift(String reference, String current, DriftSettings settings, List<String> slices, String master) {
    return (DriftReport) call(DRIFT, "onMaster", new Class<?>[] {String.class, String.class, String.class, DriftSettings.class, List.class},
        master, reference, current, settings, slices);
  }

  /** Static method {@code method} of holdout-spark's class {@code entry}, run with Spark's class loader as the thread's context loader. */
  private static Object call(String entry, String method, Class<?>[] types, Object... args) {
    String classpath = System.getProperty(CLASSPATH);
    if (classpath == null || classpath.isBlank()) {
      throw new HoldoutException("--engine spark needs holdout-spark and Spark on the class path: run the command through ./holdout, "
          + "which builds and adds them, or set -D" + CLASSPATH + "=JARS");
    }
    List<URL> urls = new ArrayList<>();
    for (String part : classpath.split(File.pathSeparator)) {
      if (part.isBlank()) continue;
      try {
        urls.add(new File(part).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new HoldoutException("-D" + CLASSPATH + ": '" + part + "' is not a path");
      }
    }
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    URLClassLoader loader = new ChildFirst(urls.toArray(URL[]::new), SparkEngine.class.getClassLoader());
    try {
      // Spark loads generated code and serializers through the context class loader
      thread.setContextClassLoader(loader);
      Method run = Class.forName(entry, true, loader).getMethod(method, types);
      return run.invoke(null, args);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      throw new HoldoutException("-D" + CLASSPATH + " does not hold holdout-spark (" + e.getMessage() + "); rebuild it with ./holdout", e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * Spark's own libraries first (the command's may be older versions of the same: commons-lang3,
   * Jackson), but holdout's engine from the command, so the suite and the report are the same
   * classes on both sides.
   */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        boolean shared = name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
            || (name.startsWith("dev.holdout.") && !name.startsWith("dev.holdout.spark."));
        if (c == null && !shared) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            // not one of Spark's: the command's
          }
        }
        if (c == null) c = super.loadClass(name, false);
        if (resolve) resolveClass(c);
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }

    /** Service files of Spark's jars only: the command's providers (its SLF4J binding) implement the command's interfaces. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
    }
  }
}
