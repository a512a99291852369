package io.masklet.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ConvTranspose2dTest {
  @Test
  void strideEqualsKernelMatchesTheDefinitionOfTransposedConvolution() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(3);
      int b = 2, cin = 5, cout = 3, h = 4, w = 6, k = 2;
      NDArray x = m.randomNormal(new Shape(b, cin, h, w));
      NDArray wt = m.randomNormal(new Shape(cin, cout, k, k));
      NDArray bias = m.randomNormal(new Shape(cout));
      float[] xv = x.toFloatArray();
      float[] wv = wt.toFloatArray();
      float[] bv = bias.toFloatArray();
      // out[n, o, s*i + di, s*j + dj] = b[o] + sum_c x[n, c, i, j] * w[c, o, di, dj]
      float[] expected = new float[b * cout * h * k * w * k];
      int oh = h * k, ow = w * k;
      for (int n = 0; n < b; n++) {
        for (int o = 0; o < cout; o++) {
          for (int y = 0; y < oh; y++) {
            for (int xx = 0; xx < ow; xx++) {
              double acc = bv[o];
              for (int c = 0; c < cin; c++) {
                acc += xv[((n * cin + c) * h + y / k) * w + xx / k]
                    * wv[((c * cout + o) * k + y % k) * k + xx % k];
              }
              expected[((n * cout + o) * oh + y) * ow + xx] = (float) acc;
            }
          }
        }
      }
      NDArray got = ConvTranspose2d.convTranspose2d(x, wt, bias);
      assertEquals(new Shape(b, cout, oh, ow), got.getShape());
      float[] gv = got.toFloatArray();
      float maxErr = 0;
      for (int i = 0; i < gv.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(gv[i] - expected[i]));
      }
      assertTrue(maxErr < 1e-5f, "max abs error " + maxErr);
    }
  }

  @Test
  void channelLastVariantEqualsTheChannelFirstOne() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(5);
      NDArray x = m.randomNormal(new Shape(2, 6, 3, 5));
      NDArray wt = m.randomNormal(new Shape(6, 4, 2, 2));
      NDArray bias = m.randomNormal(new Shape(4));
      NDArray nchw = ConvTranspose2d.convTranspose2d(x, wt, bias);
      NDArray nhwc = ConvTranspose2d.convTranspose2dChannelsLast(x.transpose(0, 2, 3, 1), wt, bias);
      assertEquals(new Shape(2, 6, 10, 4), nhwc.getShape());
      float maxErr = nhwc.transpose(0, 3, 1, 2).sub(nchw).abs().max().getFloat();
      assertTrue(maxErr < 1e-5f, "max abs error " + maxErr);
    }
  }

  @Test
  void bilinearUpsamplingUsesHalfPixelCentres() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(4);
      int h = 5, w = 7, oh = 13, ow = 11;
      NDArray x = m.randomNormal(new Shape(1, 2, h, w));
      float[] xv = x.toFloatArray();
      float[] gv = Interpolate.bilinear(x, oh, ow).toFloatArray();
      float maxErr = 0;
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < oh; i++) {
          // align_corners=False: source = (dst + 0.5) * in/out - 0.5, clamped at 0
          double sy = Math.max(0, (i + 0.5) * h / oh - 0.5);
          int y0 = (int) sy, y1 = Math.min(y0 + 1, h - 1);
          double ly = sy - y0;
          for (int j = 0; j < ow; j++) {
            double sx = Math.max(0, (j + 0.5) * w / ow - 0.5);
            int x0 = (int) sx, x1 = Math.min(x0 + 1, w - 1);
            double lx = sx - x0;
            int base = c * h * w;
            double v = (1 - ly) * ((1 - lx) * xv[base + y0 * w + x0] + lx * xv[base + y0 * w + x1])
                + ly * ((1 - lx) * xv[base + y1 * w + x0] + lx * xv[base + y1 * w + x1]);
            maxErr = Math.max(maxErr, (float) Math.abs(v - gv[(c * oh + i) * ow + j]));
          }
        }
      }
      assertTrue(maxErr < 1e-5f, "max abs error " + maxErr);
    }
  }
}
