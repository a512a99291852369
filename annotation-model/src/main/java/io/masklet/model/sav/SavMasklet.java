package io.masklet.model.sav;

import java.util.List;

/**
 * The per-masklet columns of an SA-V annotation file ({@code masklet_id[i]},
 * {@code masklet_size_rel[i]}, ...), gathered for one masklet. See {@link SavStats} for how
 * the size and visibility values are defined.
 *
 * @param firstAppearedFrame index into the annotated (6 fps) frames, not the 24 fps video
 * @param frameCount number of annotated frames ({@code masklet_frame_count})
 * @param editedFrameCount frames edited by human annotators (not derivable from the masks)
 * @param type "manual" or "auto"
 * @param stabilityScores per-frame stability scores (auto masklets), or {@code null}
 */
public record SavMasklet(int id, double sizeRel, double sizeAbs, String sizeBucket,
    int visibilityChanges, int firstAppearedFrame, int frameCount, int editedFrameCount,
    String type, List<Double> stabilityScores) {

  public SavMasklet {
    stabilityScores = stabilityScores == null ? null : List.copyOf(stabilityScores);
  }

  /** This masklet with its size and visibility columns replaced by recomputed ones. */
  public SavMasklet withStats(SavStats s) {
    return new SavMasklet(id, s.sizeRel(), s.sizeAbs(), s.sizeBucket(), s.visibilityChanges(),
        s.firstAppearedFrame(), s.frameCount(), editedFrameCount, type, stabilityScores);
  }
}
