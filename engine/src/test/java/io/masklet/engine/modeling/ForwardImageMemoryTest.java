package io.masklet.engine.modeling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.config.Sam2Configs;
import io.masklet.engine.modeling.backbones.BackboneOut;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** forward_image keeps its temporaries in the caller's scope and adds nothing to the weights. */
class ForwardImageMemoryTest {
  @Test
  void repeatedForwardImageLeavesNoArraysBehind() throws Exception {
    String resource = "/io/masklet/engine/configs/sam2.1_hiera_micro.yaml";
    String yaml;
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SAM2Base net = Sam2ModelBuilder.build(Sam2Configs.parse(yaml, resource));
    try (StateDict weights = RandomWeights.bind(net, 3, 0.05f);
        NDManager caller = NDManager.newBaseManager("PyTorch")) {
      int weightArrays = count(weights.manager());
      NDArray image = caller.randomNormal(new Shape(1, 3, 256, 256));
      int callerArrays = count(caller);
      for (int i = 0; i < 3; i++) {
        try (NDManager scope = caller.newSubManager()) {
          NDArray x = image.duplicate();
          x.attach(scope);
          BackboneOut out = net.forwardImage(x);
          net.prepareBackboneFeatures(out);
        }
      }
      assertEquals(weightArrays, count(weights.manager()), "arrays added to the weights' manager");
      assertEquals(callerArrays, count(caller), "arrays left in the caller's manager");
      net.clearCaches();
    }
  }

  private static int count(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }
}
