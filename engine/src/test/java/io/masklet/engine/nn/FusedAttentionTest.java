package io.masklet.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FusedAttentionTest {
  @Test
  void kernelLoadsOnThePyTorchEngine() {
    // a broken archive or a libtorch without the op must fail here, not silently fall back
    assertTrue(FusedAttention.available(), "fused attention: " + FusedAttention.unavailableReason());
  }

  /**
   * The shapes the model feeds it: Hiera windows (stage 1, 2, 3), global attention, a pooled
   * query side (Lq = Lk / 4), decoder token self-attention and token→image attention, memory
   * attention with more keys than queries.
   */
  @ParameterizedTest(name = "B={0} heads={1} Lq={2} Lk={3} D={4}")
  @CsvSource({
      "64, 1, 64, 64, 96",
      "16, 2, 16, 16, 96",
      "4, 4, 196, 196, 96",
      "1, 4, 1024, 1024, 96",
      "8, 2, 4, 16, 96",
      "3, 8, 7, 7, 32",
      "3, 8, 7, 4096, 16",
      "1, 1, 256, 2000, 64"})
  void fusedKernelEqualsSoftmaxOfScaledScores(int b, int heads, int lq, int lk, int d) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(11);
      NDArray q = m.randomNormal(new Shape(b, heads, lq, d));
      NDArray k = m.randomNormal(new Shape(b, heads, lk, d));
      NDArray v = m.randomNormal(new Shape(b, heads, lk, d));
      NDArray got = assertFusedEqualsComposite(q, k, v, new Shape(b, heads, lq, d));
      assertTrue(got.getManager() == m, "the result belongs to q's manager");
    }
  }

  @Test
  void aBatchOneSideIsBroadcastLikeMatmul() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(12);
      // a decoder shared image side (batch 1) against 3 prompt sets
      NDArray q = m.randomNormal(new Shape(3, 8, 7, 16));
      NDArray k = m.randomNormal(new Shape(1, 8, 300, 16));
      NDArray v = m.randomNormal(new Shape(1, 8, 300, 16));
      assertFusedEqualsComposite(q, k, v, new Shape(3, 8, 7, 16));
      assertEquals(new Shape(1, 8, 300, 16), k.getShape(), "inputs are left as they were");
    }
  }

  /** The kernel's result has {@code shape} and is within 1e-5 of the composite form's. */
  private static NDArray assertFusedEqualsComposite(NDArray q, NDArray k, NDArray v, Shape shape) {
    assertTrue(FusedAttention.accepts(q, k, v));
    NDArray got = FusedAttention.apply(q, k, v);
    NDArray expected = Attention.composite(q, k, v, Attention.MAX_SCORE_ELEMENTS);
    assertEquals(shape, got.getShape());
    float maxErr = got.sub(expected).abs().max().getFloat();
    assertTrue(maxErr < 1e-5f, "max abs error " + maxErr);
    return got;
  }

  @Test
  void shapesTheKernelDoesNotTakeAreLeftToTheComposite() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray q3 = m.randomNormal(new Shape(2, 10, 8));
      assertFalse(FusedAttention.accepts(q3, q3, q3), "3-D");
      NDArray q = m.randomNormal(new Shape(1, 2, 10, 8));
      NDArray k = m.randomNormal(new Shape(1, 2, 12, 8));
      NDArray vOtherDim = m.randomNormal(new Shape(1, 2, 12, 5));
      assertFalse(FusedAttention.accepts(q, k, vOtherDim), "v head dim differs");
      NDArray kTwoHeads = m.randomNormal(new Shape(1, 3, 12, 8));
      assertFalse(FusedAttention.accepts(q, kTwoHeads, kTwoHeads), "2 vs 3 heads");
      // and sdpa still answers for them
      NDArray out = Attention.sdpa(q, k, vOtherDim);
      assertEquals(new Shape(1, 2, 10, 5), out.getShape());
    }
  }

  @Test
  void fusedCallsLeaveNoArraysBehind() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray q = m.randomNormal(new Shape(2, 4, 50, 16));
      int before = m.getManagedArrays().size();
      for (int i = 0; i < 200; i++) {
        try (NDManager call = m.newSubManager()) {
          q.tempAttach(call);
          FusedAttention.apply(q, q, q);
        }
      }
      assertEquals(before, m.getManagedArrays().size());
    }
  }

  @Test
  void archiveHoldsTheModuleSourcePickleConstantsAndVersionUnderOneDirectory() throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(FusedAttention.archive()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        names.add(e.getName());
        assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
      }
    }
    assertEquals(List.of("masklet_sdpa/data.pkl", "masklet_sdpa/code/__torch__.py",
        "masklet_sdpa/constants.pkl", "masklet_sdpa/version"), names);
    byte[] pickle = FusedAttention.modulePickle();
    assertArrayEquals(new byte[] {(byte) 0x80, 2, 'c'}, java.util.Arrays.copyOf(pickle, 3));
    assertEquals('.', pickle[pickle.length - 1]);
  }
}
