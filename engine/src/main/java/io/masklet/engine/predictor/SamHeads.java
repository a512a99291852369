package io.masklet.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.MaskDecoderOptions;
import io.masklet.engine.modeling.sam.PromptEncoder;
import io.masklet.engine.nn.Module;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SAM heads of SAM2Base alone ({@code sam_prompt_encoder} + {@code sam_mask_decoder}, with
 * the checkpoint's names) as an image model without an image encoder: for the click benchmark
 * and for decoder tests on precomputed features ({@link SAM2ImagePredictor#setImageFeatures}).
 */
public final class SamHeads extends Module implements SamImageModel {
  private final PromptEncoder promptEncoder;
  private final MaskDecoder maskDecoder;
  private final int imageSize;

  /** The SAM 2.1 heads for a hidden width and input size (backbone stride 16). */
  public SamHeads(int hiddenDim, int imageSize) {
    this.imageSize = imageSize;
    this.promptEncoder = child("sam_prompt_encoder", PromptEncoder.forSam2(hiddenDim, imageSize, 16));
    this.maskDecoder = child("sam_mask_decoder", MaskDecoder.forSam2(hiddenDim, MaskDecoderOptions.sam21()));
  }

  /**
   * Binds the {@code sam_prompt_encoder.*} and {@code sam_mask_decoder.*} keys of a full SAM 2
   * state dict (the rest is ignored); the arrays stay owned by {@code full}.
   */
  public void loadHeads(StateDict full) {
    Map<String, NDArray> mine = new LinkedHashMap<>();
    for (String k : full.keys()) {
      if (k.startsWith("sam_prompt_encoder.") || k.startsWith("sam_mask_decoder.")) {
        mine.put(k, full.get(k));
      }
    }
    NDManager view = full.manager().newSubManager();
    load(new StateDict(full.source(), view, mine));
  }

  @Override
  public int imageSize() {
    return imageSize;
  }

  @Override
  public PromptEncoder promptEncoder() {
    return promptEncoder;
  }

  @Override
  public MaskDecoder maskDecoder() {
    return maskDecoder;
  }

  @Override
  public ImageFeatures encodeImage(NDArray input) {
    throw new UnsupportedOperationException(
        "the SAM heads have no image encoder: set precomputed image features instead");
  }
}
