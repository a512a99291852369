package io.masklet.engine.predictor.video;

import io.masklet.engine.checkpoint.CheckpointLoader;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.PositionEmbeddingSine;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.SAM2BaseOptions;
import io.masklet.engine.modeling.backbones.FpnNeck;
import io.masklet.engine.modeling.backbones.Hiera;
import io.masklet.engine.modeling.backbones.ImageEncoder;
import io.masklet.engine.modeling.memory.CXBlock;
import io.masklet.engine.modeling.memory.Fuser;
import io.masklet.engine.modeling.memory.MaskDownSampler;
import io.masklet.engine.modeling.memory.MemoryAttention;
import io.masklet.engine.modeling.memory.MemoryAttentionLayer;
import io.masklet.engine.modeling.memory.MemoryEncoder;
import io.masklet.engine.modeling.memory.RoPEAttention;
import io.masklet.engine.modeling.sam.MaskDecoderOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The fixtures' two model configs built explicitly (micro: tiny widths at 256; tiny: the real
 * sam2.1_hiera_t at 1024), with the checkpoint bound. Interim until the YAML builder lands.
 */
final class VideoTestModels {
  private VideoTestModels() {}

  record Loaded(SAM2Base model, StateDict weights, int imageSize) implements AutoCloseable {
    @Override
    public void close() {
      weights.close();
    }
  }

  static SAM2Base micro() {
    Hiera trunk = new Hiera(8, 1, 3, 2, new int[] {1, 2, 3, 1}, 2.0, 2.0, new int[] {7, 7},
        new int[] {8, 4, 14, 7}, new int[] {4, 5});
    FpnNeck neck = new FpnNeck(new PositionEmbeddingSine(32), 32, new int[] {64, 32, 16, 8},
        1, 1, 0, "nearest", "sum", new int[] {2, 3});
    return assemble(new ImageEncoder(trunk, neck, 1), 32, 16, 64, 2, 16, 256);
  }

  static SAM2Base tiny() {
    Hiera trunk = new Hiera(96, 1, 3, 2, new int[] {1, 2, 7, 2}, 2.0, 2.0, new int[] {7, 7},
        new int[] {8, 4, 14, 7}, new int[] {5, 7, 9});
    FpnNeck neck = new FpnNeck(new PositionEmbeddingSine(256), 256,
        new int[] {768, 384, 192, 96}, 1, 1, 0, "nearest", "sum", new int[] {2, 3});
    return assemble(new ImageEncoder(trunk, neck, 1), 256, 64, 2048, 4, 64, 1024);
  }

  private static SAM2Base assemble(ImageEncoder enc, int d, int memDim, int ff, int layers,
      int grid, int imageSize) {
    MemoryAttention attn = new MemoryAttention(d, true, () -> new MemoryAttentionLayer("relu",
        new RoPEAttention(d, 1, 1, d, 10000f, false),
        new RoPEAttention(d, 1, 1, memDim, 10000f, true), d, ff,
        new MemoryAttentionLayer.PosEncPlacement(false, true, false)), layers);
    PositionEmbeddingSine memPos = new PositionEmbeddingSine(memDim);
    MemoryEncoder menc = new MemoryEncoder(memDim, new MaskDownSampler(d, 3, 2, 1, 16),
        new Fuser(() -> new CXBlock(d, 7, 3, true, true), 2, d, false), memPos::forward, d);
    SAM2BaseOptions o = new SAM2BaseOptions(7, imageSize, 16, true, true, true, true, true);
    return new SAM2Base(enc, attn, menc, o, MaskDecoderOptions.sam21());
  }

  static Loaded load(Path fixtureDir, boolean tinyConfig) throws IOException {
    SAM2Base model = tinyConfig ? tiny() : micro();
    StateDict sd = CheckpointLoader.load(fixtureDir.resolve("checkpoint.pt"));
    model.load(sd);
    return new Loaded(model, sd, tinyConfig ? 1024 : 256);
  }
}
