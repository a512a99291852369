package io.masklet.engine.bench;

import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.backbones.Hiera;
import io.masklet.engine.modeling.backbones.MultiScaleBlock;
import io.masklet.engine.modeling.backbones.PatchEmbed;
import io.masklet.engine.modeling.backbones.Windows;

/**
 * Multiply-add work of {@code forward_image} counted from the network's structure (2 FLOPs per
 * multiply-add of every matmul and convolution, attention included; elementwise ops, norms and
 * softmax not counted), so a measured time converts to an achieved GFLOP/s.
 */
public final class EncoderFlops {
  private EncoderFlops() {}

  public static double forwardImage(SAM2Base model) {
    int s = model.imageSize();
    Hiera trunk = model.imageEncoder().trunk();
    long h = s / PatchEmbed.STRIDE;
    long w = s / PatchEmbed.STRIDE;
    double flops = 2.0 * h * w * trunk.embedDim() * PatchEmbed.IN_CHANS
        * PatchEmbed.KERNEL * PatchEmbed.KERNEL;
    java.util.List<long[]> stageSizes = new java.util.ArrayList<>();
    for (MultiScaleBlock b : trunk.blocks()) {
      long d = b.dim();
      long dOut = b.dimOut();
      int ws = b.windowSize();
      int qs = Math.max(1, b.qStride());
      long hp = ws > 0 ? h + Windows.padding(h, ws) : h;
      long wp = ws > 0 ? w + Windows.padding(w, ws) : w;
      long windows = ws > 0 ? (hp / ws) * (wp / ws) : 1;
      long lk = ws > 0 ? (long) ws * ws : h * w;
      long lq = lk / ((long) qs * qs);
      flops += 2.0 * hp * wp * d * 3 * dOut; // qkv
      flops += 2.0 * 2 * windows * lq * lk * dOut; // q k^T and probs v
      flops += 2.0 * windows * lq * dOut * dOut; // proj
      if (d != dOut) {
        flops += 2.0 * h * w * d * dOut; // shortcut projection
      }
      h /= qs;
      w /= qs;
      flops += 2.0 * 2 * h * w * dOut * (long) (dOut * MultiScaleBlock.MLP_RATIO); // mlp
      stageSizes.add(new long[] {h, w, dOut});
    }
    // neck: a 1x1 conv to d_model on every stage output (recorded at each stage's last block)
    int dModel = model.imageEncoder().neck().dModel();
    int[] channels = model.imageEncoder().neck().backboneChannelList();
    for (int c : channels) {
      for (int i = stageSizes.size() - 1; i >= 0; i--) {
        long[] st = stageSizes.get(i);
        if (st[2] == c) {
          flops += 2.0 * st[0] * st[1] * c * dModel;
          break;
        }
      }
    }
    // conv_s0 / conv_s1 on the two high-resolution levels (strides 4 and 8)
    if (model.numFeatureLevels() == 3) {
      long n0 = (long) (s / 4) * (s / 4);
      long n1 = (long) (s / 8) * (s / 8);
      flops += 2.0 * n0 * dModel * (dModel / 8) + 2.0 * n1 * dModel * (dModel / 4);
    }
    return flops;
  }
}
