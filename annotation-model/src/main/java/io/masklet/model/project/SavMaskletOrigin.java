package io.masklet.model.project;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one SA-V masklet said about itself that its masks do not: kept on the object made from
 * it ({@link TrackedObject#savMasklet()}, masklet {@code k} is object {@code k + 1}) so that an
 * SA-V export can write it again, or bring it up to date when the annotator changed the masks.
 * The size, visibility, first-frame and frame-count columns are always recomputed from the
 * masks and are not kept.
 *
 * @param type {@code masklet_type}: "manual" or "auto"
 * @param editedFrameCount {@code masklet_edited_frame_count} as imported: how many of the
 *     masklet's frames human annotators edited (which ones, the file does not say)
 * @param stabilityScores {@code masklet_stability_score} as imported (auto masklets), or
 *     {@code null}
 * @param maskDigests a short checksum of each imported mask, index {@code f} for annotated
 *     frame {@code f} (video frame {@code f × }{@link SavOrigin#annotationStride()}): how an
 *     export tells the frames the annotator changed since the import from those it did not
 */
public record SavMaskletOrigin(String type, int editedFrameCount, List<Double> stabilityScores,
    List<String> maskDigests) implements ObjectOrigin {
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{8}");

  public SavMaskletOrigin {
    Objects.requireNonNull(type, "type");
    if (editedFrameCount < 0) {
      throw new IllegalArgumentException("edited frame count must be >= 0, got "
          + editedFrameCount);
    }
    stabilityScores = stabilityScores == null ? null : List.copyOf(stabilityScores);
    maskDigests = List.copyOf(maskDigests);
    for (int i = 0; i < maskDigests.size(); i++) {
      if (!DIGEST.matcher(maskDigests.get(i)).matches()) {
        throw new IllegalArgumentException("mask digest " + i + " must be 8 hex digits, got \""
            + maskDigests.get(i) + "\"");
      }
    }
  }
}
