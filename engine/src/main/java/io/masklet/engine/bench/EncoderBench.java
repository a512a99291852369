package io.masklet.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.PositionEmbeddingSine;
import io.masklet.engine.modeling.backbones.BackboneOut;
import io.masklet.engine.modeling.backbones.FpnNeck;
import io.masklet.engine.modeling.backbones.Hiera;
import io.masklet.engine.modeling.backbones.ImageEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Temporary quick bench (replaced by the config-based one). */
public final class EncoderBench {
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int cores = Runtime.getRuntime().availableProcessors();
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cores));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    ai.djl.engine.Engine.getEngine("PyTorch");
    System.out.println("intra-op threads " + JniUtils.getNumThreads());
    Hiera trunk = new Hiera(96, 1, 3, 2, new int[] {1, 2, 7, 2}, 2.0, 2.0, new int[] {7, 7},
        new int[] {8, 4, 14, 7}, new int[] {5, 7, 9});
    FpnNeck neck = new FpnNeck(new PositionEmbeddingSine(256), 256, new int[] {768, 384, 192, 96},
        1, 1, 0, "nearest", "sum", new int[] {2, 3});
    ImageEncoder enc = new ImageEncoder(trunk, neck, 1);
    try (StateDict w = RandomWeights.bind(enc, 1, 0.02f);
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(3);
      NDArray img = m.randomNormal(new Shape(1, 3, 1024, 1024));
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < runs + 1; i++) {
        try (NDManager s = m.newSubManager()) {
          NDArray x = img.duplicate();
          x.attach(s);
          long t0 = System.nanoTime();
          BackboneOut o = enc.forward(x);
          o.visionFeatures().toFloatArray();
          double dt = (System.nanoTime() - t0) / 1e9;
          System.out.printf("run %d: %.3f s%n", i, dt);
          if (i > 0) {
            times.add(dt);
          }
        }
      }
      Collections.sort(times);
      System.out.printf("encoder median %.3f s%n", times.get(times.size() / 2));
      NDArray a = m.randomNormal(new Shape(2048, 2048));
      NDArray b = m.randomNormal(new Shape(2048, 2048));
      List<Double> mt = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        try (NDManager s = m.newSubManager()) {
          long t0 = System.nanoTime();
          NDArray c = a.matMul(b);
          c.attach(s);
          c.getFloat(0, 0);
          mt.add((System.nanoTime() - t0) / 1e9);
        }
      }
      Collections.sort(mt);
      double gf = 2.0 * 2048 * 2048 * 2048 / mt.get(3) / 1e9;
      System.out.printf("matmul 2048^3 median %.4f s = %.1f GFLOP/s%n", mt.get(3), gf);
    }
  }
}
