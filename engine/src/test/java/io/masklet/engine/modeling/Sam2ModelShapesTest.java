package io.masklet.engine.modeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.config.Sam2Config;
import io.masklet.engine.config.Sam2Configs;
import io.masklet.engine.config.Sam2Configs.OfficialModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Building SAM2Base from each SAM 2.1 config (no weights) yields exactly the parameter names
 * and shapes of the official state dicts, listed in ../shared/reference/state_dict_shapes.json.
 */
class Sam2ModelShapesTest {
  private static JsonNode reference;

  @BeforeAll
  static void readReference() throws IOException {
    Path file = Path.of(System.getProperty("masklet.shared"), "reference",
        "state_dict_shapes.json");
    assumeTrue(Files.isRegularFile(file), "reference shapes absent: " + file);
    reference = new ObjectMapper().readTree(file.toFile());
  }

  @ParameterizedTest(name = "sam2.1_hiera_{0}")
  @ValueSource(strings = {"t", "s", "b+", "l", "micro"})
  void parameterNamesAndShapesEqualTheOfficialStateDict(String size) throws IOException {
    Sam2Config config = size.equals("micro") ? microConfig()
        : OfficialModel.byName(size).orElseThrow().config();
    JsonNode want = reference.get("sam2.1_hiera_" + size);
    assumeTrue(want != null, "no reference shapes for " + size);

    Map<String, String> expected = new TreeMap<>();
    want.fields().forEachRemaining(e -> {
      long[] dims = new long[e.getValue().size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = e.getValue().get(i).asLong();
      }
      expected.put(e.getKey(), new Shape(dims).toString());
    });
    Map<String, String> actual = new TreeMap<>();
    Sam2ModelBuilder.build(config).parameterShapes()
        .forEach((name, shape) -> actual.put(name, shape.toString()));

    assertEquals(expected, actual);
  }

  private static Sam2Config microConfig() throws IOException {
    String resource = "/io/masklet/engine/configs/sam2.1_hiera_micro.yaml";
    try (InputStream in = Sam2ModelShapesTest.class.getResourceAsStream(resource)) {
      assumeTrue(in != null, "micro config resource absent");
      return Sam2Configs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    }
  }
}
