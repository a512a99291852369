package io.masklet.model.sav;

import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SA-V annotation file ({@code <video_id>_manual.json} or {@code _auto.json}): video facts
 * and the masklets, with masks stored frame-major as in the file: {@code frames.get(f).get(i)}
 * is masklet {@code i}'s mask on annotated frame {@code f} (every {@link #ANNOTATION_STRIDE}th
 * video frame). The release writes the integral video facts as floats; the writer does the same.
 */
public record SavVideo(String videoId, double videoDuration, int videoFrameCount, int videoHeight,
    int videoWidth, long videoResolution, String videoEnvironment, String videoSplit,
    List<List<Rle>> frames, List<SavMasklet> masklets) {

  /** SA-V videos are 24 fps and annotated at 6 fps: one annotated frame every 4 video frames. */
  public static final int ANNOTATION_STRIDE = 4;

  public SavVideo {
    Objects.requireNonNull(videoId, "videoId");
    List<List<Rle>> copy = new ArrayList<>(frames.size());
    for (int f = 0; f < frames.size(); f++) {
      List<Rle> row = List.copyOf(frames.get(f));
      if (row.size() != masklets.size()) {
        throw new IllegalArgumentException("annotated frame " + f + " has " + row.size()
            + " masks for " + masklets.size() + " masklets");
      }
      for (int i = 0; i < row.size(); i++) {
        Rle r = row.get(i);
        if (r.height() != videoHeight || r.width() != videoWidth) {
          throw new IllegalArgumentException("annotated frame " + f + ", masklet " + i
              + ": mask size [" + r.height() + ", " + r.width() + "] differs from the video's ["
              + videoHeight + ", " + videoWidth + "]");
        }
      }
      copy.add(row);
    }
    frames = List.copyOf(copy);
    masklets = List.copyOf(masklets);
  }

  /** Statistics of masklet {@code index} recomputed from its masks. */
  public SavStats stats(int index) {
    return SavStats.of(frames, index, videoHeight, videoWidth);
  }

  /** Masklet {@code index}'s masks over the annotated frames. */
  public List<Rle> masksOf(int index) {
    List<Rle> out = new ArrayList<>(frames.size());
    for (List<Rle> row : frames) {
      out.add(row.get(index));
    }
    return out;
  }
}
