package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Module;
import java.util.function.UnaryOperator;

/**
 * Port of sam2/modeling/memory_encoder.py::MemoryEncoder: fuses the frame's top-level pixel
 * features with its downsampled mask into a memory feature map (channels compressed to
 * {@code outDim}) plus that map's sine position encoding.
 */
public final class MemoryEncoder extends Module {
  /** The encoder's output: {@code features} (B, outDim, H, W), {@code pos} the same shape. */
  public record Output(NDArray features, NDArray pos) {}

  private final MaskDownSampler maskDownsampler;
  private final Conv2d pixFeatProj;
  private final Fuser fuser;
  private final Conv2d outProj;
  private final UnaryOperator<NDArray> positionEncoding;
  private final int outDim;

  /**
   * @param positionEncoding the official {@code position_encoding} child (a parameter-free
   *     PositionEmbeddingSine): maps a (B, C, H, W) tensor to its (B, C', H, W) encoding
   */
  public MemoryEncoder(int outDim, MaskDownSampler maskDownsampler, Fuser fuser,
      UnaryOperator<NDArray> positionEncoding, int inDim) {
    this.maskDownsampler = child("mask_downsampler", maskDownsampler);
    this.pixFeatProj = child("pix_feat_proj", new Conv2d(inDim, inDim, 1, 1, 0));
    this.fuser = child("fuser", fuser);
    this.outProj = outDim != inDim ? child("out_proj", new Conv2d(inDim, outDim, 1, 1, 0)) : null;
    this.positionEncoding = positionEncoding;
    this.outDim = outDim;
  }

  /** Channels of the memory features ({@code mem_dim} of SAM2Base). */
  public int outDim() {
    return outDim;
  }

  /**
   * {@code pixFeat} (B, inDim, H, W), {@code masks} (B, 1, 16H, 16W); unless
   * {@code skipMaskSigmoid}, a sigmoid is applied to the masks first.
   */
  public Output forward(NDArray pixFeat, NDArray masks, boolean skipMaskSigmoid) {
    NDArray m = skipMaskSigmoid ? masks : masks.getNDArrayInternal().sigmoid();
    m = maskDownsampler.forward(m);
    NDArray x = pixFeatProj.forward(pixFeat).add(m);
    x = fuser.forward(x);
    if (outProj != null) {
      x = outProj.forward(x);
    }
    return new Output(x, positionEncoding.apply(x));
  }
}
