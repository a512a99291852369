package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.nn.Interpolate;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import io.masklet.engine.nn.Parameter;
import io.masklet.engine.nn.Scoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Port of sam2/modeling/backbones/hieradet.py::Hiera: the hierarchical vision transformer trunk.
 * Stages of {@link MultiScaleBlock}s; the first block of each later stage pools its queries
 * (halving the map) and doubles width and heads. Returns the output of every stage, highest
 * resolution first, as (B, C, H, W).
 */
public final class Hiera extends Module {
  private final int[] stageEnds;
  private final Parameter posEmbed;
  private final Parameter posEmbedWindow;
  private final PatchEmbed patchEmbed;
  private final ModuleList<MultiScaleBlock> blocks;
  private final int[] channelList;
  /**
   * The position embedding of the last token-map size, channel-last and contiguous: it depends
   * only on the two embedding weights and the map size, so it is made once per bound weights
   * instead of on every image (the official code recomputes it each forward).
   */
  private PosEmbedCache posCache;

  /** A cached embedding, valid for these exact weight arrays and this map size. */
  private record PosEmbedCache(NDArray bkg, NDArray window, long h, long w, NDManager owner,
      NDArray value) {
    boolean matches(NDArray b, NDArray win, long hh, long ww) {
      return bkg == b && window == win && h == hh && w == ww;
    }
  }

  /**
   * Same arguments as the official constructor (drop path is training-only, interm layers are
   * always returned as the configs do).
   *
   * @param qStride the (square) query-pooling stride between stages
   * @param windowPosEmbedBkgSpatialSize (h, w) of the background position embedding
   * @param globalAttBlocks indices of the blocks with global attention
   */
  public Hiera(int embedDim, int numHeads, int qPool, int qStride, int[] stages, double dimMul,
      double headMul, int[] windowPosEmbedBkgSpatialSize, int[] windowSpec, int[] globalAttBlocks) {
    if (stages.length != windowSpec.length) {
      throw new IllegalArgumentException("Hiera: " + stages.length + " stages but "
          + windowSpec.length + " window sizes");
    }
    int depth = Arrays.stream(stages).sum();
    stageEnds = new int[stages.length];
    for (int i = 0, acc = 0; i < stages.length; i++) {
      acc += stages[i];
      stageEnds[i] = acc - 1;
    }
    if (qPool < 0 || qPool > stages.length - 1) {
      throw new IllegalArgumentException("Hiera: q_pool " + qPool + " must be in [0, "
          + (stages.length - 1) + "]");
    }
    List<Integer> qPoolBlocks = new ArrayList<>();
    for (int i = 0; i < qPool; i++) {
      qPoolBlocks.add(stageEnds[i] + 1);
    }
    this.patchEmbed = child("patch_embed", new PatchEmbed(embedDim));
    this.posEmbed = param("pos_embed", 1, embedDim, windowPosEmbedBkgSpatialSize[0],
        windowPosEmbedBkgSpatialSize[1]);
    this.posEmbedWindow = param("pos_embed_window", 1, embedDim, windowSpec[0], windowSpec[0]);
    this.blocks = child("blocks", new ModuleList<>());
    int curStage = 1;
    for (int i = 0; i < depth; i++) {
      int dimOut = embedDim;
      // the window size lags by one block: a stage's first block still uses the previous one's
      int windowSize = windowSpec[curStage - 1];
      if (contains(globalAttBlocks, i)) {
        windowSize = 0;
      }
      if (contains(stageEnds, i - 1)) {
        dimOut = (int) (embedDim * dimMul);
        numHeads = (int) (numHeads * headMul);
        curStage++;
      }
      blocks.add(new MultiScaleBlock(embedDim, dimOut, numHeads,
          qPoolBlocks.contains(i) ? qStride : 0, windowSize));
      embedDim = dimOut;
    }
    channelList = new int[stageEnds.length];
    for (int i = 0; i < stageEnds.length; i++) {
      channelList[i] = blocks.get(stageEnds[stageEnds.length - 1 - i]).dimOut();
    }
  }

  private static boolean contains(int[] values, int v) {
    return Arrays.stream(values).anyMatch(x -> x == v);
  }

  public List<MultiScaleBlock> blocks() {
    return blocks.items();
  }

  /** Embedding width of the patch embedding (the first block's input width). */
  public int embedDim() {
    return blocks.get(0).dim();
  }

  /** Output channels per stage, lowest resolution first (what the neck's config lists). */
  public int[] channelList() {
    return channelList.clone();
  }

  /**
   * {@link #posEmbed} of the bound weights for an h × w token map as a new handle in
   * {@code manager} on the cached contiguous (1, h, w, C) array: read-only, never modify it in
   * place. Recomputed when the weights are rebound or the map size changes.
   */
  NDArray cachedPosEmbed(long h, long w, NDManager manager) {
    NDArray bkg = posEmbed.get();
    NDArray window = posEmbedWindow.get();
    synchronized (this) {
      if (posCache == null || !posCache.matches(bkg, window, h, w)) {
        clearCache();
        NDManager owner = NDManager.newBaseManager("PyTorch");
        NDArray value;
        try (NDManager tmp = owner.newSubManager()) {
          NDArray view = posEmbed(bkg, window, h, w, tmp);
          // (1, h, w, C) strided view -> (h*w*C): not a view, so libtorch copies in this order
          // -> (1, h, w, C), a view of that contiguous copy (duplicate() would keep the strides)
          value = view.reshape(-1).reshape(view.getShape());
          value.attach(owner);
        }
        posCache = new PosEmbedCache(bkg, window, h, w, owner, value);
      }
      return Scoped.view(posCache.value(), manager);
    }
  }

  /** Frees the cached position embedding (native memory); the next forward recomputes it. */
  public synchronized void clearCache() {
    if (posCache != null) {
      posCache.owner().close();
      posCache = null;
    }
  }

  /**
   * Port of {@code Hiera._get_pos_embed}: the background embedding resized bicubically to the
   * token map plus the window embedding tiled over it, channel-last (1, h, w, C), created in
   * {@code manager}.
   */
  public static NDArray posEmbed(NDArray bkg, NDArray window, long h, long w, NDManager manager) {
    NDArray resized = Interpolate.bicubic(Scoped.view(bkg, manager), h, w);
    long[] ws = window.getShape().getShape();
    NDArray tiled = Scoped.view(window, manager).tile(new long[] {1, 1, h / ws[2], w / ws[3]});
    // (1, C, h, w) -> (1, h, w, C)
    return resized.addi(tiled).transpose(0, 2, 3, 1);
  }

  /**
   * {@code x} (B, 3, H, W) → one (B, C_i, H_i, W_i) per stage, highest resolution first, in x's
   * manager. Each block runs in its own scope so only one block's temporaries are alive.
   */
  public List<NDArray> forward(NDArray x) {
    NDArray cur = Scoped.apply(x, in -> {
      NDArray t = patchEmbed.forward(in);
      // t: (B, H, W, C), a channel-last view of the convolution's (B, C, H, W) output. The
      // contiguous embedding goes first so that the sum is laid out channel-last (the blocks'
      // LayerNorm and linears would otherwise copy it); x + y == y + x exactly in float.
      return cachedPosEmbed(t.getShape().get(1), t.getShape().get(2), t.getManager()).add(t);
    });
    List<NDArray> outputs = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      NDArray prev = cur;
      MultiScaleBlock block = blocks.get(i);
      // a block may build its result in its input's memory unless that input was handed out
      // as a stage output (block 0's input is this method's own patch-embedding sum)
      boolean writable = i == 0 || !contains(stageEnds, i - 1);
      cur = Scoped.apply(prev, in -> block.forward(in, writable));
      // a stage output handed out earlier is a view and keeps its own reference to the data
      prev.close();
      if (contains(stageEnds, i)) {
        // (B, H, W, C) -> (B, C, H, W)
        outputs.add(cur.transpose(0, 3, 1, 2));
      }
    }
    cur.close();
    return outputs;
  }
}
