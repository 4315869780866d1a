package dev.holdout.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.holdout.base.HoldoutException;
import dev.holdout.base.Names;
import dev.holdout.data.RecordReaders;
import dev.holdout.endpoint.Latencies;
import dev.holdout.metric.Task;
import dev.holdout.result.Report;
import dev.holdout.scoring.Inputs;
import dev.holdout.scoring.PredictionsWriter;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.Suite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX model loaded for scoring. Not thread-safe: one scorer runs one batch at a time, and
 * ONNX Runtime spreads each batch over the machine's cores. Close it to free the native session.
 */
public final class OnnxScorer implements AutoCloseable {
  private final Path file;
  private final OrtEnvironment env;
  private final OrtSession session;

  private OnnxScorer(Path file, OrtEnvironment env, OrtSession session) {
    this.file = file;
    this.env = env;
    this.session = session;
  }

  /** Loads a model; a missing, unreadable or corrupt file is bad data saying what to ask for. */
  public static OnnxScorer open(Path model) {
    if (!Files.isRegularFile(model)) {
      throw new HoldoutException.BadData(model + ": model file not found; give the path of the vendor's .onnx file to --model");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return new OnnxScorer(model, env, env.createSession(Files.readAllBytes(model), options));
    } catch (OrtException e) {
      throw new HoldoutException.BadData(model + ": not a model ONNX Runtime can load (" + firstLine(e.getMessage())
          + "); ask the vendor for the exported .onnx file and check it was copied whole", e);
    } catch (IOException e) {
      throw new HoldoutException.BadData(model + ": cannot be read (" + e.getMessage() + ")", e);
    } catch (OutOfMemoryError e) {
      throw new HoldoutException.BadData(model + ": too large to load in this JVM's memory; raise -Xmx", e);
    }
  }

  /** How the suite's columns feed one model input: name, columns in order, element type, values per row. */
  record Feed(String name, List<String> columns, OnnxJavaType type, int[] sourceColumns) {}

  /** The resolved mapping between the suite and the model. */
  record Plan(List<Feed> feeds, List<String> allColumns, String output, int outputWidth, int batchSize) {}

  /** Runs the model over the suite's evaluation inputs. */
  public Scored score(Suite suite) {
    Plan plan = plan(suite, null);
    Inputs.Numeric inputs = Inputs.numeric(suite, plan.allColumns());
    return run(suite, plan, inputs);
  }

  /** Runs the model over inputs already in memory (columns by name), for the benchmark and the library. */
  public Scored score(Suite suite, Inputs.Numeric inputs) {
    return run(suite, plan(suite, inputs.columns()), inputs);
  }

  Plan plan(Suite suite, List<String> available) {
    Suite.Model m = suite.scoring().model();
    Map<String, NodeInfo> modelInputs;
    Map<String, NodeInfo> modelOutputs;
    try {
      modelInputs = session.getInputInfo();
      modelOutputs = session.getOutputInfo();
    } catch (OrtException e) {
      throw new HoldoutException.BadData(file + ": the model's inputs cannot be read (" + firstLine(e.getMessage()) + ")", e);
    }
    List<Suite.ModelInput> specs = m.inputs();
    if (specs.isEmpty()) {
      if (modelInputs.size() != 1) {
        throw new HoldoutException.BadSuite(suite.file() + ": the model " + file.getFileName() + " takes " + modelInputs.size() + " inputs "
            + describe(modelInputs) + "; map the suite's columns to each in model.inputs, e.g. [{name: "
            + modelInputs.keySet().iterator().next() + ", columns: [...]}]");
      }
      specs = List.of(new Suite.ModelInput(null, null, null, 0));
    }
    List<Feed> feeds = new ArrayList<>();
    LinkedHashSet<String> all = new LinkedHashSet<>();
    List<String> defaults = null;
    for (Suite.ModelInput spec : specs) {
      String name = spec.name() == null ? modelInputs.keySet().iterator().next() : spec.name();
      NodeInfo info = modelInputs.get(name);
      String where = suite.file() + (spec.line() > 0 ? " line " + spec.line() : "") + ", model.inputs";
      if (info == null) {
        throw new HoldoutException.BadSuite(where + ": the model has no input '" + name + "'" + Names.didYouMean(name, modelInputs.keySet())
            + "; its inputs are " + describe(modelInputs));
      }
      if (!(info.getInfo() instanceof TensorInfo t)) {
        throw new HoldoutException.BadData(file + ": input '" + name + "' is " + info.getInfo() + ", not a tensor; Holdout feeds tensors of numbers");
      }
      long[] shape = t.getShape();
      if (shape.length != 2) {
        throw new HoldoutException.BadData(file + ": input '" + name + "' has shape " + Arrays.toString(shape)
            + "; Holdout feeds [rows, columns] tensors, so ask the vendor for a model with a 2-dimensional input (the first dimension the batch)");
      }
      if (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.DOUBLE && t.type != OnnxJavaType.INT64) {
        throw new HoldoutException.BadData(file + ": input '" + name + "' takes " + t.type + "; Holdout feeds float, double or int64 tensors");
      }
      String typeName = t.type.name().toLowerCase(Locale.ROOT);
      if (spec.type() != null && !spec.type().equals(typeName)) {
        throw new HoldoutException.BadSuite(where + ": the suite says input '" + name + "' is " + spec.type() + ", but the model takes "
            + typeName + "; correct model.inputs type or remove it");
      }
      List<String> columns = spec.columns();
      if (columns == null) {
        if (defaults == null) defaults = available != null ? available : Inputs.defaultFeatures(suite);
        columns = defaults;
      }
      if (shape[1] >= 0 && shape[1] != columns.size()) {
        throw new HoldoutException.BadSuite(where + ": the model's input '" + name + "' takes " + shape[1] + " values per row, but the suite gives "
            + columns.size() + " columns " + shorten(columns) + "; list the model's columns in order under model.inputs columns");
      }
      if (shape[0] > 1) {
        throw new HoldoutException.BadData(file + ": input '" + name + "' has a fixed batch of " + shape[0]
            + " rows; ask the vendor to export it with a dynamic first dimension");
      }
      all.addAll(columns);
      feeds.add(new Feed(name, List.copyOf(columns), t.type, null));
    }
    for (String n : modelInputs.keySet()) {
      if (feeds.stream().noneMatch(f -> f.name().equals(n))) {
        throw new HoldoutException.BadSuite(suite.file() + ", model.inputs: the model also needs input '" + n + "' (" + modelInputs.get(n).getInfo()
            + "); add it with its columns");
      }
    }
    List<String> allColumns = available != null ? available : List.copyOf(all);
    List<Feed> resolved = new ArrayList<>();
    for (Feed f : feeds) {
      int[] src = new int[f.columns().size()];
      for (int c = 0; c < src.length; c++) {
        src[c] = allColumns.indexOf(f.columns().get(c));
        if (src[c] < 0) throw new HoldoutException.BadSuite(suite.file() + ", model.inputs: no column '" + f.columns().get(c) + "' in the inputs " + shorten(allColumns));
      }
      resolved.add(new Feed(f.name(), f.columns(), f.type(), src));
    }
    String output = m.output();
    if (output == null) {
      for (var e : modelOutputs.entrySet()) {
        if (e.getValue().getInfo() instanceof TensorInfo t && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE)) {
          output = e.getKey();
          break;
        }
      }
      if (output == null) output = modelOutputs.keySet().iterator().next();
    } else if (!modelOutputs.containsKey(output)) {
      throw new HoldoutException.BadSuite(suite.file() + ", model.output: the model has no output '" + output + "'"
          + Names.didYouMean(output, modelOutputs.keySet()) + "; its outputs are " + describe(modelOutputs));
    }
    int width = outputWidth(suite, output, modelOutputs.get(output));
    return new Plan(List.copyOf(resolved), allColumns, output, width, m.batchSize());
  }

  private int outputWidth(Suite suite, String output, NodeInfo info) {
    if (info.getInfo() instanceof TensorInfo t) {
      long[] s = t.getShape();
      if (s.length == 1) return 1;
      if (s.length == 2 && s[1] >= 1) return (int) s[1];
      if (s.length == 2) return -1;
      throw new HoldoutException.BadData(file + ": output '" + output + "' has shape " + Arrays.toString(s)
          + "; Holdout reads [rows] or [rows, columns]; name another output with model.output");
    }
    return -1;
  }

  private Scored run(Suite suite, Plan plan, Inputs.Numeric in) {
    int n = in.rows();
    int k = in.columns().size();
    int width = PredictionsWriter.width(suite);
    double[] out = new double[n * width];
    boolean[] present = new boolean[n];
    Latencies latencies = new Latencies();
    double[] values = in.values();
    int batch = plan.batchSize();
    List<ByteBuffer> buffers = new ArrayList<>();
    for (Feed f : plan.feeds()) {
      int bytes = f.type() == OnnxJavaType.FLOAT ? 4 : 8;
      buffers.add(ByteBuffer.allocateDirect(batch * f.sourceColumns().length * bytes).order(ByteOrder.nativeOrder()));
    }
    long calls = 0;
    long start = System.nanoTime();
    for (int from = 0; from < n; from += batch) {
      int rows = Math.min(batch, n - from);
      long t0 = System.nanoTime();
      Map<String, OnnxTensor> feed = new LinkedHashMap<>();
      try {
        for (int fi = 0; fi < plan.feeds().size(); fi++) {
          Feed f = plan.feeds().get(fi);
          int[] src = f.sourceColumns();
          int w = src.length;
          ByteBuffer buf = buffers.get(fi);
          buf.clear();
          long[] shape = {rows, w};
          switch (f.type()) {
            case FLOAT -> {
              FloatBuffer fb = buf.asFloatBuffer();
              for (int r = 0; r < rows; r++) {
                int base = (from + r) * k;
                for (int c = 0; c < w; c++) fb.put((float) values[base + src[c]]);
              }
              fb.flip();
              feed.put(f.name(), OnnxTensor.createTensor(env, fb, shape));
            }
            case DOUBLE -> {
              DoubleBuffer db = buf.asDoubleBuffer();
              for (int r = 0; r < rows; r++) {
                int base = (from + r) * k;
                for (int c = 0; c < w; c++) db.put(values[base + src[c]]);
              }
              db.flip();
              feed.put(f.name(), OnnxTensor.createTensor(env, db, shape));
            }
            default -> {
              LongBuffer lb = buf.asLongBuffer();
              for (int r = 0; r < rows; r++) {
                int base = (from + r) * k;
                for (int c = 0; c < w; c++) lb.put(Math.round(values[base + src[c]]));
              }
              lb.flip();
              feed.put(f.name(), OnnxTensor.createTensor(env, lb, shape));
            }
          }
        }
        try (OrtSession.Result result = session.run(feed, Set.of(plan.output()))) {
          read(suite, plan, result.get(0), from, rows, width, out, in.ids());
        }
      } catch (OrtException e) {
        throw new HoldoutException.BadData(file + ": the model failed on rows " + (from + 1) + " to " + (from + rows) + " ("
            + firstLine(e.getMessage()) + "); check the model.inputs mapping against what the vendor documents", e);
      } finally {
        for (OnnxTensor t : feed.values()) t.close();
      }
      Arrays.fill(present, from, from + rows, true);
      latencies.add((System.nanoTime() - t0) / 1e6);
      calls++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Report.Serving serving = new Report.Serving("onnx", file.getFileName().toString(), RecordReaders.sha256(file), n, 0, calls, 0, 0,
        latencies.summary(), seconds, seconds > 0 ? n / seconds : 0, seconds > 0 ? calls / seconds : 0, 0.0, null, batch, 1, List.of());
    return new Scored(in.ids(), width, out, present, serving);
  }

  /** Copies one batch's output into {@code out}, as the suite's numbers per row. */
  private void read(Suite suite, Plan plan, OnnxValue value, int from, int rows, int width, double[] out, String[] ids) throws OrtException {
    Suite.Model m = suite.scoring().model();
    List<String> suiteClasses = suite.task() == Task.MULTICLASS_CLASSIFICATION ? PredictionsWriter.classes(suite) : null;
    double[] row;
    if (value instanceof OnnxTensor t) {
      long[] shape = t.getInfo().getShape();
      int cols = shape.length == 1 ? 1 : (int) shape[1];
      double[] flat = flat(t);
      if (flat.length != (long) rows * cols) {
        throw new HoldoutException.BadData(file + ": output '" + plan.output() + "' gave " + flat.length + " numbers for " + rows + " rows");
      }
      int[] pick = pick(suite, m, cols, suiteClasses, plan.output());
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < width; c++) {
          double v = flat[r * cols + pick[c]];
          check(suite, plan.output(), v, ids[from + r]);
          out[(from + r) * width + c] = v;
        }
      }
      return;
    }
    if (value instanceof OnnxSequence seq) {
      List<? extends OnnxValue> items = seq.getValue();
      if (items.size() != rows) throw new HoldoutException.BadData(file + ": output '" + plan.output() + "' gave " + items.size() + " answers for " + rows + " rows");
      for (int r = 0; r < rows; r++) {
        if (!(items.get(r) instanceof OnnxMap map)) {
          throw new HoldoutException.BadData(file + ": output '" + plan.output() + "' is a sequence of " + items.get(r).getType() + "; name a tensor or a sequence of maps with model.output");
        }
        Map<String, Double> byClass = new LinkedHashMap<>();
        for (var e : map.getValue().entrySet()) byClass.put(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
        List<String> wanted = suiteClasses != null ? suiteClasses
            : suite.task() == Task.BINARY_CLASSIFICATION ? List.of(positiveKey(suite, byClass)) : null;
        if (wanted == null) throw new HoldoutException.BadSuite(suite.file() + ", model.output: a map of class probabilities does not fit a regression suite; name the value output");
        for (int c = 0; c < width; c++) {
          Double v = byClass.get(wanted.get(c));
          if (v == null) throw new HoldoutException.BadSuite(suite.file() + ", model.output: the model's probabilities name the classes " + byClass.keySet() + ", not '" + wanted.get(c) + "'");
          check(suite, plan.output(), v, ids[from + r]);
          out[(from + r) * width + c] = v;
        }
      }
      return;
    }
    throw new HoldoutException.BadData(file + ": output '" + plan.output() + "' is " + value.getType() + "; name a numeric output with model.output");
  }

  private String positiveKey(Suite suite, Map<String, Double> byClass) {
    if (suite.data().positive() != null) return suite.data().positive();
    List<String> keys = new ArrayList<>(byClass.keySet());
    return keys.contains("1") ? "1" : keys.contains("true") ? "true" : keys.get(keys.size() - 1);
  }

  /** Which output column holds each of the suite's numbers. */
  private int[] pick(Suite suite, Suite.Model m, int cols, List<String> suiteClasses, String output) {
    switch (suite.task()) {
      case BINARY_CLASSIFICATION -> {
        if (cols == 1) return new int[] {0};
        if (cols != 2) throw new HoldoutException.BadSuite(suite.file() + ", model.output: output '" + output + "' has " + cols
            + " columns; a binary suite reads one score or two class probabilities");
        if (m.classes() != null && suite.data().positive() != null) {
          int i = m.classes().indexOf(suite.data().positive());
          if (i < 0 || i > 1) throw new HoldoutException.BadSuite(suite.file() + ", model.classes: the positive class '" + suite.data().positive() + "' is not among " + m.classes());
          return new int[] {i};
        }
        return new int[] {1};
      }
      case MULTICLASS_CLASSIFICATION -> {
        List<String> order = m.classes() != null ? m.classes() : suiteClasses;
        if (cols != order.size()) throw new HoldoutException.BadSuite(suite.file() + ", model.output: output '" + output + "' has " + cols
            + " columns but there are " + order.size() + " classes " + order + "; give the output's class order in model.classes");
        int[] p = new int[suiteClasses.size()];
        for (int c = 0; c < p.length; c++) {
          p[c] = order.indexOf(suiteClasses.get(c));
          if (p[c] < 0) throw new HoldoutException.BadSuite(suite.file() + ", model.classes: class '" + suiteClasses.get(c) + "' is missing from " + order);
        }
        return p;
      }
      default -> {
        if (cols != 1) throw new HoldoutException.BadSuite(suite.file() + ", model.output: output '" + output + "' has " + cols + " columns; a regression suite reads one value per row");
        return new int[] {0};
      }
    }
  }

  private void check(Suite suite, String output, double v, String id) {
    boolean probability = suite.task() != Task.REGRESSION;
    if (!Double.isFinite(v) || (probability && (v < 0 || v > 1))) {
      throw new HoldoutException.BadData(file + ": output '" + output + "' gave " + v + " for id " + id
          + (probability ? "; the suite needs probabilities in [0, 1]: name the probability output with model.output" : "; the suite needs finite values"));
    }
  }

  private static double[] flat(OnnxTensor t) {
    return switch (t.getInfo().type) {
      case FLOAT -> {
        FloatBuffer fb = t.getFloatBuffer();
        double[] d = new double[fb.remaining()];
        for (int i = 0; i < d.length; i++) d[i] = fb.get(i);
        yield d;
      }
      case DOUBLE -> {
        DoubleBuffer db = t.getDoubleBuffer();
        double[] d = new double[db.remaining()];
        db.get(d);
        yield d;
      }
      case INT64 -> {
        LongBuffer lb = t.getLongBuffer();
        double[] d = new double[lb.remaining()];
        for (int i = 0; i < d.length; i++) d[i] = lb.get(i);
        yield d;
      }
      default -> throw new HoldoutException.BadData("the model's output is " + t.getInfo().type + "; name a numeric output with model.output");
    };
  }

  private static String describe(Map<String, NodeInfo> nodes) {
    List<String> out = new ArrayList<>();
    for (var e : nodes.entrySet()) out.add(e.getKey() + " " + e.getValue().getInfo());
    return out.toString();
  }

  private static String shorten(List<String> columns) {
    return columns.size() <= 8 ? columns.toString() : columns.subList(0, 8) + " and " + (columns.size() - 8) + " more";
  }

  private static String firstLine(String s) {
    if (s == null) return "no detail";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // the session is gone either way
    }
  }
}
