package io.masklet.engine.modeling.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.CheckpointLoader;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.PositionEmbeddingSine;
import io.masklet.engine.nn.Conv2d;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interim golden check of the image encoder on the micro fixture (built explicitly). */
class ImageEncoderGoldenTest {
  @Test
  void microEncoderMatchesOfficial() throws Exception {
    Path dir = Path.of(System.getProperty("masklet.shared"), "fixtures", "sam2.1_hiera_micro");
    assumeTrue(Files.isDirectory(dir), "fixture absent");
    Hiera trunk = new Hiera(8, 1, 3, 2, new int[] {1, 2, 3, 1}, 2.0, 2.0, new int[] {7, 7},
        new int[] {8, 4, 14, 7}, new int[] {4, 5});
    FpnNeck neck = new FpnNeck(new PositionEmbeddingSine(32), 32, new int[] {64, 32, 16, 8},
        1, 1, 0, "nearest", "sum", new int[] {2, 3});
    ImageEncoder enc = new ImageEncoder(trunk, neck, 1);
    Conv2d s0 = new Conv2d(32, 4, 1, 1, 0);
    Conv2d s1 = new Conv2d(32, 8, 1, 1, 0);
    try (StateDict all = CheckpointLoader.load(dir.resolve("checkpoint.pt"));
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      enc.load(sub(all, "image_encoder."));
      s0.load(sub(all, "sam_mask_decoder.conv_s0."));
      s1.load(sub(all, "sam_mask_decoder.conv_s1."));
      Map<String, NDArray> g = Safetensors.read(dir.resolve("image.safetensors"), m);
      BackboneOut out = enc.forward(g.get("input.image_tensor"));
      check("vision_features", out.visionFeatures(), g.get("backbone.vision_features"));
      check("fpn.2", out.backboneFpn().get(2), g.get("backbone.fpn.2"));
      check("pos.2", out.visionPosEnc().get(2), g.get("backbone.pos.2"));
      check("fpn.0", s0.forward(out.backboneFpn().get(0)), g.get("backbone.fpn.0"));
      check("fpn.1", s1.forward(out.backboneFpn().get(1)), g.get("backbone.fpn.1"));
    }
  }

  private static StateDict sub(StateDict all, String prefix) {
    Map<String, NDArray> t = new LinkedHashMap<>();
    for (String k : all.keys()) {
      if (k.startsWith(prefix)) {
        t.put(k.substring(prefix.length()), all.get(k));
      }
    }
    return new StateDict(all.source() + "[" + prefix + "]", all.manager().newSubManager(), t);
  }

  private static void check(String name, NDArray got, NDArray want) {
    assertEquals(want.getShape(), got.getShape(), name);
    float[] a = got.toFloatArray();
    float[] b = want.toFloatArray();
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      double err = Math.abs(a[i] - b[i]) - (1e-3 + 1e-3 * Math.abs(b[i]));
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      assertTrue(err <= 0, name + " at " + i + ": " + a[i] + " vs " + b[i]);
    }
    System.out.println(name + " max abs err " + worst);
  }
}
