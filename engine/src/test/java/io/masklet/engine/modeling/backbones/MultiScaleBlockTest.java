package io.masklet.engine.modeling.backbones;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import org.junit.jupiter.api.Test;

/**
 * A block allowed to write its result into its input's memory (what Hiera does with its own
 * temporaries) gives bit-identical results to one that leaves the input alone.
 */
class MultiScaleBlockTest {
  private static void assertWritableInputGivesTheSameResult(MultiScaleBlock block, Shape input) {
    try (StateDict w = RandomWeights.bind(block, 3, 0.05f);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(11);
      NDArray x = m.randomNormal(input);
      float[] before = x.toFloatArray();
      NDArray expected = block.forward(x);
      assertArrayEquals(before, x.toFloatArray(), 0f, "forward(x) must leave x as it is");
      NDArray actual = block.forward(x.duplicate(), true);
      assertEquals(expected.getShape(), actual.getShape());
      assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 0f);
    }
  }

  @Test
  void windowedBlockOverSeveralChunksOfWindowRows() {
    // like Hiera-T's first stage: 16 x 16 windows of 8 x 8 at width 96 run as two chunks
    assertWritableInputGivesTheSameResult(new MultiScaleBlock(96, 96, 1, 0, 8),
        new Shape(1, 128, 128, 96));
  }

  @Test
  void windowedBlockWithQueryPoolingAndABatch() {
    assertWritableInputGivesTheSameResult(new MultiScaleBlock(8, 16, 2, 2, 4),
        new Shape(2, 16, 24, 8));
  }

  @Test
  void paddedWindowsAndGlobalAttentionKeepTheirOwnPath() {
    assertWritableInputGivesTheSameResult(new MultiScaleBlock(8, 8, 2, 0, 4),
        new Shape(2, 10, 9, 8));
    assertWritableInputGivesTheSameResult(new MultiScaleBlock(8, 8, 2, 0, 0),
        new Shape(1, 12, 12, 8));
  }
}
