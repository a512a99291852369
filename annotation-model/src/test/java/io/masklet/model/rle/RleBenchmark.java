package io.masklet.model.rle;

import java.util.Locale;

/**
 * Encode + decode speed of a 1920×1080 mask (run as a main class, not a test):
 * {@code java -cp annotation-model/target/classes:annotation-model/target/test-classes
 * io.masklet.model.rle.RleBenchmark}. The baseline in the same run is the direct port of
 * pycocotools' loops (column-major scan of the row-major mask, per-pixel decode).
 */
public final class RleBenchmark {
  private static final int H = 1080, W = 1920;

  public static void main(String[] args) {
    int iters = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    report("disc+ellipse (typical object)", shapes());
    report("random 50% noise (worst case)", noise());
    for (int round = 0; round < 1; round++) {
      byte[][] masks = {shapes(), noise()};
      String[] names = {"typical", "noise"};
      for (int k = 0; k < masks.length; k++) {
        byte[] m = masks[k];
        byte[] out = new byte[H * W];
        // warm up both paths
        for (int i = 0; i < 50; i++) {
          Rle.encode(m, H, W).decodeInto(out);
          naiveDecode(naiveEncode(m), out);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
          Rle.encode(m, H, W).decodeInto(out);
        }
        double fast = (System.nanoTime() - t0) / 1e6 / iters;
        t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
          naiveDecode(naiveEncode(m), out);
        }
        double naive = (System.nanoTime() - t0) / 1e6 / iters;
        System.out.printf(Locale.ROOT,
            "%-8s encode+decode 1920x1080: %.3f ms; pycocotools-style loops %.3f ms; ratio %.2fx%n",
            names[k], fast, naive, naive / fast);
      }
    }
  }

  private static void report(String name, byte[] m) {
    Rle r = Rle.encode(m, H, W);
    System.out.printf(Locale.ROOT, "%s: %d runs, area %d%n", name, r.counts().length, r.area());
  }

  static byte[] shapes() {
    byte[] m = new byte[H * W];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double dx = (x - 700) / 300.0, dy = (y - 500) / 250.0;
        double ex = (x - 1300) / 200.0, ey = (y - 600) / 400.0;
        boolean hole = (x - 700) * (x - 700) + (y - 500) * (y - 500) < 60 * 60;
        if ((dx * dx + dy * dy <= 1 && !hole) || ex * ex + ey * ey <= 1 + 0.1 * Math.sin(y / 7.0)) {
          m[y * W + x] = 1;
        }
      }
    }
    return m;
  }

  static byte[] noise() {
    java.util.Random rnd = new java.util.Random(7);
    byte[] m = new byte[H * W];
    for (int i = 0; i < m.length; i++) {
      m[i] = (byte) rnd.nextInt(2);
    }
    return m;
  }

  static int[] naiveEncode(byte[] m) {
    int[] cnts = new int[H * W + 1];
    int k = 0, c = 0, p = 0;
    for (int x = 0; x < W; x++) {
      for (int y = 0; y < H; y++) {
        int v = m[y * W + x] != 0 ? 1 : 0;
        if (v != p) {
          cnts[k++] = c;
          c = 0;
          p = v;
        }
        c++;
      }
    }
    cnts[k++] = c;
    return java.util.Arrays.copyOf(cnts, k);
  }

  static void naiveDecode(int[] counts, byte[] out) {
    int pos = 0;
    byte v = 0;
    for (int c : counts) {
      for (int i = 0; i < c; i++, pos++) {
        int x = pos / H, y = pos - x * H;
        out[y * W + x] = v;
      }
      v ^= 1;
    }
  }
}
