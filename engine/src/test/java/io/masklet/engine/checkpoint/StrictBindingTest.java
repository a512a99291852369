package io.masklet.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint read from disk binds strictly to a module; errors name the file and the key. */
class StrictBindingTest {
  @TempDir Path tmp;

  static final class Linear extends Module {
    final Parameter weight = param("weight", 2, 2);
    final Parameter bias = param("bias", 2);
  }

  static final class Net extends Module {
    final Linear proj = child("proj", new Linear());
  }

  private Path checkpoint(String name, String[] keys, long[][] shapes) throws IOException {
    FakeTorchCheckpoint ckpt = new FakeTorchCheckpoint();
    for (int i = 0; i < keys.length; i++) {
      long n = 1;
      for (long d : shapes[i]) {
        n *= d;
      }
      ByteBuffer b = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int j = 0; j < n; j++) {
        b.putFloat(10 * i + j);
      }
      long[] stride = new long[shapes[i].length];
      long s = 1;
      for (int d = stride.length - 1; d >= 0; d--) {
        stride[d] = s;
        s *= shapes[i][d];
      }
      ckpt.storage(Integer.toString(i), b.array())
          .tensor(keys[i], Integer.toString(i), "FloatStorage", n, 0, shapes[i], stride);
    }
    Path file = tmp.resolve(name);
    ckpt.write(file);
    return file;
  }

  @Test
  void matchingCheckpointBindsEveryParameter() throws IOException {
    Path file = checkpoint("ok.pt", new String[] {"proj.weight", "proj.bias"}, new long[][] {{2, 2}, {2}});
    Net net = new Net();
    try (StateDict sd = CheckpointLoader.load(file)) {
      net.load(sd);
      assertArrayEquals(new float[] {0, 1, 2, 3}, net.proj.weight.get().toFloatArray());
      assertArrayEquals(new float[] {10, 11}, net.proj.bias.get().toFloatArray());
    }
  }

  @Test
  void missingUnexpectedAndMisshapenKeysAreNamed() throws IOException {
    Path missing = checkpoint("missing.pt", new String[] {"proj.weight"}, new long[][] {{2, 2}});
    Path extra = checkpoint("extra.pt", new String[] {"proj.weight", "proj.bias", "head.bias"},
        new long[][] {{2, 2}, {2}, {1}});
    Path shape = checkpoint("shape.pt", new String[] {"proj.weight", "proj.bias"}, new long[][] {{2, 2}, {3}});
    try (StateDict a = CheckpointLoader.load(missing); StateDict b = CheckpointLoader.load(extra);
        StateDict c = CheckpointLoader.load(shape)) {
      String m = assertThrows(WeightBindingException.class, () -> new Net().load(a)).getMessage();
      assertTrue(m.contains(missing.toString()) && m.contains("missing key 'proj.bias'"), m);
      String u = assertThrows(WeightBindingException.class, () -> new Net().load(b)).getMessage();
      assertTrue(u.contains(extra.toString()) && u.contains("unexpected key 'head.bias'"), u);
      String s = assertThrows(WeightBindingException.class, () -> new Net().load(c)).getMessage();
      assertTrue(s.contains(shape.toString()) && s.contains("'proj.bias'") && s.contains("(3)"), s);
    }
  }
}
