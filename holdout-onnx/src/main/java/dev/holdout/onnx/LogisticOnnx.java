package dev.holdout.onnx;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a logistic-regression ONNX graph, {@code probability = sigmoid(features x W + b)}, with
 * one float input {@code features} of shape [batch, k] and one output {@code probability} of shape
 * [batch, 1]. For tests and the benchmark, which must not download a model; opset 13.
 */
public final class LogisticOnnx {
  private LogisticOnnx() {}

  /** The serialized model. */
  public static byte[] bytes(double[] weights, double bias) {
    int k = weights.length;
    OnnxMl.TensorProto.Builder w = OnnxMl.TensorProto.newBuilder().setName("W").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addDims(k).addDims(1);
    for (double x : weights) w.addFloatData((float) x);
    OnnxMl.TensorProto b = OnnxMl.TensorProto.newBuilder().setName("b").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addDims(1).addFloatData((float) bias).build();
    OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
        .setName("logistic")
        .addInitializer(w)
        .addInitializer(b)
        .addInput(value("features", -1, k))
        .addOutput(value("probability", -1, 1))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").setName("matmul").addInput("features").addInput("W").addOutput("z0"))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Add").setName("add").addInput("z0").addInput("b").addOutput("z"))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Sigmoid").setName("sigmoid").addInput("z").addOutput("probability"))
        .build();
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("holdout")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  /** Writes the model to {@code file} atomically. */
  public static void write(Path file, double[] weights, double bias) {
    byte[] model = bytes(weights, bias);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.write(tmp, model);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the platform's default permissions apply
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OnnxMl.ValueInfoProto value(String name, long rows, long cols) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
    shape.addDim(rows < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
        : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(rows));
    shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(cols));
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
            .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }
}
