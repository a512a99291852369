package io.masklet.engine.config;

/**
 * The overrides the official builders ({@code sam2/build_sam.py}) add on top of the YAML, as
 * explicit steps. The golden fixtures were made with them: image cases with
 * {@link #image(Sam2Config)}, video with {@link #video(Sam2Config)}.
 */
public final class OfficialBuild {
  /** {@code build_sam2(apply_postprocessing=True)}: fall back to multimask output when unstable. */
  public static final MaskDecoderExtraArgs POSTPROCESSING_DECODER_ARGS = new MaskDecoderExtraArgs(true, 0.05, 0.98);
  /** {@code build_sam2_video_predictor}: fill holes up to this many low-res pixels. */
  public static final int VIDEO_FILL_HOLE_AREA = 8;

  private OfficialBuild() {}

  /** What {@code build_sam2(config)} builds: the YAML plus dynamic multimask via stability. */
  public static Sam2Config image(Sam2Config config) {
    return config.withSamMaskDecoderExtraArgs(POSTPROCESSING_DECODER_ARGS);
  }

  /**
   * What {@code build_sam2_video_predictor(config)} builds: {@link #image} plus binarized
   * prompted masks for the memory encoder and hole filling of {@value #VIDEO_FILL_HOLE_AREA}.
   */
  public static Sam2Config video(Sam2Config config) {
    return image(config).withBinarizeMaskFromPtsForMemEnc(true)
        .withVideoPredictor(config.videoPredictor().withFillHoleArea(VIDEO_FILL_HOLE_AREA));
  }
}
