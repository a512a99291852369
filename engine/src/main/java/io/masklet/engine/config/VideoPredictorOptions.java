package io.masklet.engine.config;

/**
 * The arguments {@code sam2/sam2_video_predictor.py::SAM2VideoPredictor} adds to
 * {@code SAM2Base}. A config whose target is {@code SAM2Base} gets {@link #DEFAULTS}; the official
 * video builder sets {@code fill_hole_area=8}, see {@link OfficialBuild#video(Sam2Config)}.
 */
public record VideoPredictorOptions(
    int fillHoleArea, boolean nonOverlapMasks, boolean clearNonCondMemAroundInput, boolean addAllFramesToCorrectAsCond) {
  public static final VideoPredictorOptions DEFAULTS = new VideoPredictorOptions(0, false, false, false);

  public VideoPredictorOptions withFillHoleArea(int area) {
    return new VideoPredictorOptions(area, nonOverlapMasks, clearNonCondMemAroundInput, addAllFramesToCorrectAsCond);
  }
}
