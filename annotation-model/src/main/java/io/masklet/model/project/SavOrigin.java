package io.masklet.model.project;

import java.util.Objects;

/**
 * The video-level facts of the SA-V annotation file a project was converted from, which the
 * project's media and masks cannot give back: kept with the project (its {@code sav} section)
 * so an SA-V export writes them again. The per-masklet facts ride on each object
 * ({@link TrackedObject#savMasklet()}).
 *
 * <p>The other video columns of SA-V ({@code video_frame_count}, {@code video_height},
 * {@code video_width}, {@code video_resolution}) are the project's {@link MediaSource} and are
 * not repeated here.
 *
 * @param videoId {@code video_id}, e.g. {@code sav_000001}
 * @param videoDuration {@code video_duration} in seconds as the file wrote it; the project keeps
 *     only the fps derived from it, which need not give the same double back
 * @param videoEnvironment {@code video_environment} ("Indoor", "Outdoor", ...)
 * @param videoSplit {@code video_split} ("train", "val", "test", ...)
 * @param annotationStride video frames per annotated frame in the file (4 in the release, 1 for
 *     a row per frame): the frame grid the masklets' {@link SavMaskletOrigin#maskDigests()} are
 *     taken on
 */
public record SavOrigin(String videoId, double videoDuration, String videoEnvironment,
    String videoSplit, int annotationStride) implements ImportOrigin {

  public SavOrigin {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(videoEnvironment, "videoEnvironment");
    Objects.requireNonNull(videoSplit, "videoSplit");
    if (!(videoDuration >= 0) || Double.isInfinite(videoDuration)) {
      throw new IllegalArgumentException("video duration must be a finite number >= 0, got "
          + videoDuration);
    }
    if (annotationStride < 1) {
      throw new IllegalArgumentException("annotation stride must be at least 1, got "
          + annotationStride);
    }
  }
}
