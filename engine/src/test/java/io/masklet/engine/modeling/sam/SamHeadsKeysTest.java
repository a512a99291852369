package io.masklet.engine.modeling.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.nn.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The prompt encoder and mask decoder declare exactly the official checkpoint's
 * {@code sam_prompt_encoder.*} / {@code sam_mask_decoder.*} keys and shapes
 * (../shared/reference/state_dict_shapes.json).
 */
class SamHeadsKeysTest {
  @ParameterizedTest
  @CsvSource({
      "sam2.1_hiera_t, 256, 1024", "sam2.1_hiera_s, 256, 1024", "sam2.1_hiera_b+, 256, 1024",
      "sam2.1_hiera_l, 256, 1024", "sam2.1_hiera_micro, 32, 256"})
  void parameterNamesAndShapesEqualTheOfficialStateDict(String config, int hiddenDim, int imageSize)
      throws Exception {
    Path shapes = Path.of(System.getProperty("masklet.shared"), "reference", "state_dict_shapes.json");
    assumeTrue(Files.exists(shapes), "no " + shapes);
    JsonNode all = new ObjectMapper().readTree(shapes.toFile()).get(config);
    check(all, "sam_prompt_encoder.", PromptEncoder.forSam2(hiddenDim, imageSize, 16));
    check(all, "sam_mask_decoder.", MaskDecoder.forSam2(hiddenDim, MaskDecoderOptions.sam21()));
  }

  private static void check(JsonNode all, String prefix, Module module) {
    Map<String, String> expected = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith(prefix)) {
        expected.put(e.getKey().substring(prefix.length()), e.getValue().toString().replace(" ", ""));
      }
    }
    Map<String, String> actual = new TreeMap<>();
    module.parameterShapes().forEach((k, s) -> {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < s.dimension(); i++) {
        sb.append(i == 0 ? "" : ",").append(s.get(i));
      }
      actual.put(k, sb.append(']').toString());
    });
    assertEquals(expected, actual, prefix);
  }
}
