package io.masklet.engine.modeling.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.nn.Module;
import java.io.File;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MemoryModulesTest {

  /** The tiny (sam2.1_hiera_t) memory attention: d_model 256, 4 layers, kv 64, 64x64 grid. */
  static MemoryAttention tinyMemoryAttention() {
    return new MemoryAttention(256, true, () -> new MemoryAttentionLayer("relu",
        new RoPEAttention(256, 1, 1, 256, 10000f, false),
        new RoPEAttention(256, 1, 1, 64, 10000f, true),
        256, 2048, new MemoryAttentionLayer.PosEncPlacement(false, true, false)), 4);
  }

  static MemoryEncoder tinyMemoryEncoder() {
    return new MemoryEncoder(64, new MaskDownSampler(256, 3, 2, 1, 16),
        new Fuser(() -> new CXBlock(256, 7, 3, true, true), 2, 256, false),
        x -> x.zerosLike(), 256);
  }

  @Test
  void severalObjectsGiveEachObjectItsOwnResult() {
    // the tiny layout at a 16x16 grid: 256 current tokens, 2 memory frames + 4 pointer tokens
    MemoryAttention attention = tinyMemoryAttention();
    try (StateDict weights = RandomWeights.bind(attention, 7, 0.05f);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      long tokens = 256;
      long memoryTokens = 2 * tokens + 4;
      NDArray curr = m.randomNormal(new Shape(3, tokens, 256));
      NDArray currPos = m.randomNormal(new Shape(1, tokens, 256)); // shared by all objects
      NDArray memory = m.randomNormal(new Shape(3, memoryTokens, 64));
      NDArray memoryPos = m.randomNormal(new Shape(3, memoryTokens, 64));
      NDArray together = attention.forward(curr, memory, currPos, memoryPos, 4);
      assertEquals(new Shape(3, tokens, 256), together.getShape());
      for (int i = 0; i < 3; i++) {
        String item = i + ":" + (i + 1);
        NDArray alone = attention.forward(curr.get(item), memory.get(item), currPos,
            memoryPos.get(item), 4);
        float diff = together.get(item).sub(alone).abs().max().getFloat();
        assertTrue(diff < 1e-5f, "object " + i + " differs from its own run by " + diff);
      }
      // objects really differ, so a mixed-up order could not pass
      assertTrue(together.get("0:1").sub(together.get("1:2")).abs().max().getFloat() > 1e-2f);
    }
  }

  @Test
  void moduleKeysAndShapesMatchTheOfficialTinyStateDict() throws Exception {
    File shapes = new File(System.getProperty("masklet.shared", "../shared"),
        "reference/state_dict_shapes.json");
    Assumptions.assumeTrue(shapes.isFile(), "needs " + shapes + " (shared reference data)");
    JsonNode tiny = new ObjectMapper().readTree(shapes).get("sam2.1_hiera_t");
    assertSameKeys(tiny, "memory_attention.", tinyMemoryAttention());
    assertSameKeys(tiny, "memory_encoder.", tinyMemoryEncoder());
  }

  private static void assertSameKeys(JsonNode all, String prefix, Module module) {
    Map<String, Shape> expected = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith(prefix)) {
        long[] dims = new long[e.getValue().size()];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = e.getValue().get(i).asLong();
        }
        expected.put(e.getKey().substring(prefix.length()), new Shape(dims));
      }
    }
    assertEquals(expected, new TreeMap<>(module.parameterShapes()));
  }

  @Test
  void rotaryEncodingRotatesEachPairByItsAxialAngle() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      int dim = 8;
      int side = 3;
      AxialRope.Cis cis = AxialRope.computeAxialCis(m, dim, side, side, 10000f);
      NDArray x = m.randomNormal(new Shape(1, 1, 2 * side * side, dim)); // two frames of keys
      float[] in = x.toFloatArray();
      float[] out = AxialRope.apply(x, cis, true).toFloatArray();
      for (int tok = 0; tok < 2 * side * side; tok++) {
        int t = tok % (side * side);
        int px = t % side;
        int py = t / side;
        for (int i = 0; i < dim / 2; i++) {
          // first dim/4 pairs rotate with x, the rest with y; frequency 1/theta^(4j/dim)
          int j = i % (dim / 4);
          double freq = 1.0 / Math.pow(10000.0, 4.0 * j / dim);
          double angle = (i < dim / 4 ? px : py) * freq;
          double a = in[tok * dim + 2 * i];
          double b = in[tok * dim + 2 * i + 1];
          double re = a * Math.cos(angle) - b * Math.sin(angle);
          double im = a * Math.sin(angle) + b * Math.cos(angle);
          assertEquals(re, out[tok * dim + 2 * i], 1e-5, "re of token " + tok + " pair " + i);
          assertEquals(im, out[tok * dim + 2 * i + 1], 1e-5, "im of token " + tok + " pair " + i);
        }
      }
    }
  }

  @Test
  void memoryAttentionRunsWithObjectPointerTokensAndMemoryEncoderKeepsTheGrid() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(3);
      MemoryAttention attn = new MemoryAttention(16, true, () -> new MemoryAttentionLayer("relu",
          new RoPEAttention(16, 1, 1, 16, 10000f, false),
          new RoPEAttention(16, 1, 1, 8, 10000f, true),
          16, 32, new MemoryAttentionLayer.PosEncPlacement(false, true, false)), 2);
      attn.load(randomWeights(m, attn));
      int grid = 16; // 4x4
      NDArray curr = m.randomNormal(new Shape(2, grid, 16));
      NDArray currPos = m.randomNormal(new Shape(2, grid, 16));
      // two memory frames plus 4 pointer tokens
      NDArray mem = m.randomNormal(new Shape(2, 2 * grid + 4, 8));
      NDArray memPos = m.randomNormal(new Shape(2, 2 * grid + 4, 8));
      NDArray out = attn.forward(curr, mem, currPos, memPos, 4);
      assertEquals(new Shape(2, grid, 16), out.getShape());
      // the final LayerNorm has unit weight here only if bound so; check finiteness and batch independence
      NDArray single = attn.forward(curr.get("0:1"), mem.get("0:1"), currPos.get("0:1"), memPos.get("0:1"), 4);
      assertTrue(single.sub(out.get("0:1")).abs().max().getFloat() < 1e-4f,
          "batched objects give the same result as one at a time");

      MemoryEncoder enc = new MemoryEncoder(8, new MaskDownSampler(16, 3, 2, 1, 16),
          new Fuser(() -> new CXBlock(16, 7, 3, true, true), 2, 16, false), x -> x.zerosLike(), 16);
      enc.load(randomWeights(m, enc));
      MemoryEncoder.Output o = enc.forward(m.randomNormal(new Shape(1, 16, 4, 4)),
          m.randomNormal(new Shape(1, 1, 64, 64)), false);
      assertEquals(new Shape(1, 8, 4, 4), o.features().getShape());
    }
  }

  static StateDict randomWeights(NDManager parent, Module module) {
    NDManager sm = parent.newSubManager();
    Map<String, NDArray> t = new LinkedHashMap<>();
    module.parameterShapes().forEach((k, s) -> t.put(k, sm.randomNormal(s).mul(0.2f)));
    return new StateDict("random", sm, t);
  }
}
