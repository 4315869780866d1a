package dev.holdout.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import dev.holdout.scoring.Scored;
import dev.holdout.suite.SuiteParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model shapes a vendor may deliver besides one float input and one score: several inputs, and scikit-learn's ZipMap probabilities. */
class GraphShapesTest {
  @TempDir Path dir;

  static OnnxMl.ValueInfoProto tensor(String name, long cols) {
    return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(
            OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(cols))))).build();
  }

  static Path write(Path file, OnnxMl.GraphProto graph, boolean ml) throws IOException {
    OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13));
    if (ml) m.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1));
    Files.write(file, m.build().toByteArray());
    return file;
  }

  void evalSet() throws IOException {
    Files.writeString(dir.resolve("eval.csv"), "id,a,b,c,y\nr1,1,2,3,1\nr2,0,0,0,0\nr3,-1,0.5,2,1\n");
  }

  Path suite(String extra) throws IOException {
    return Files.writeString(dir.resolve("suite.yaml"), """
        suite: holdout.suite/v1
        name: shapes
        problem: P.
        task: binary_classification
        data: {path: eval.csv, id: id, label: y, positive: "1"}
        predictions: {score: p}
        """ + extra);
  }

  /** sigmoid([left | right] x W) with left = [a, b] and right = [c], joined by Concat. */
  @Test
  void a_model_with_two_inputs_gets_each_its_columns() throws IOException {
    evalSet();
    OnnxMl.TensorProto w = OnnxMl.TensorProto.newBuilder().setName("W").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addDims(3).addDims(1).addFloatData(0.5f).addFloatData(-1f).addFloatData(0.25f).build();
    OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("two")
        .addInitializer(w)
        .addInput(tensor("left", 2)).addInput(tensor("right", 1))
        .addOutput(tensor("p", 1))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Concat").addInput("left").addInput("right").addOutput("x")
            .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("W").addOutput("z"))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Sigmoid").addInput("z").addOutput("p"))
        .build();
    Path model = write(dir.resolve("two.onnx"), g, false);
    try (OnnxScorer scorer = OnnxScorer.open(model)) {
      assertThatThrownBy(() -> scorer.score(SuiteParser.parse(suite(""))))
          .hasMessageContaining("takes 2 inputs").hasMessageContaining("map the suite's columns to each in model.inputs");
      assertThatThrownBy(() -> scorer.score(SuiteParser.parse(suite("model:\n  inputs:\n    - {name: left, columns: [a, b]}\n"))))
          .hasMessageContaining("the model also needs input 'right'");
      Scored s = scorer.score(SuiteParser.parse(suite("model:\n  inputs:\n    - {name: right, columns: [c]}\n    - {name: left, columns: [a, b]}\n")));
      double[][] x = {{1, 2, 3}, {0, 0, 0}, {-1, 0.5, 2}};
      for (int i = 0; i < 3; i++) {
        double z = 0.5 * x[i][0] - x[i][1] + 0.25 * x[i][2];
        assertThat(s.values()[i]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-6));
      }
    }
  }

  /** scikit-learn's converters end a classifier with ZipMap: a sequence of {class: probability} maps. */
  @Test
  void zipmap_probabilities_are_read_by_the_positive_class_name() throws IOException {
    evalSet();
    OnnxMl.TypeProto floatTensor = OnnxMl.TypeProto.newBuilder()
        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())).build();
    OnnxMl.TypeProto map = OnnxMl.TypeProto.newBuilder().setMapType(OnnxMl.TypeProto.Map.newBuilder()
        .setKeyType(OnnxMl.TensorProto.DataType.STRING.getNumber()).setValueType(floatTensor)).build();
    OnnxMl.TypeProto seq = OnnxMl.TypeProto.newBuilder().setSequenceType(OnnxMl.TypeProto.Sequence.newBuilder().setElemType(map)).build();
    OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("zip")
        .addInput(tensor("x", 3))
        .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("output_probability").setType(seq))
        // probabilities: softmax over columns a and b, so p("1") = sigmoid(b - a)
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Slice").addInput("x").addInput("starts").addInput("ends").addInput("axes").addOutput("ab"))
        .addInitializer(ints("starts", 0)).addInitializer(ints("ends", 2)).addInitializer(ints("axes", 1))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Softmax").addInput("ab").addOutput("probs")
            .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)))
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("ZipMap").setDomain("ai.onnx.ml").addInput("probs").addOutput("output_probability")
            .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("classlabels_strings").setType(OnnxMl.AttributeProto.AttributeType.STRINGS)
                .addStrings(com.google.protobuf.ByteString.copyFromUtf8("0")).addStrings(com.google.protobuf.ByteString.copyFromUtf8("1"))))
        .build();
    Path model = write(dir.resolve("zip.onnx"), g, true);
    try (OnnxScorer scorer = OnnxScorer.open(model)) {
      Scored s = scorer.score(SuiteParser.parse(suite("model:\n  inputs:\n    - {columns: [a, b, c]}\n  output: output_probability\n")));
      double[][] x = {{1, 2}, {0, 0}, {-1, 0.5}};
      for (int i = 0; i < 3; i++) assertThat(s.values()[i]).isCloseTo(1 / (1 + Math.exp(-(x[i][1] - x[i][0]))), within(1e-6));
    }
  }

  static OnnxMl.TensorProto ints(String name, long v) {
    return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(1).addInt64Data(v).build();
  }
}
