package io.masklet.model.project;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One annotated object: a positive id (SAM 2's {@code obj_id}, the dataset's {@code group_id}),
 * a class label, a display color {@code #rrggbb}, and for an object made from an SA-V masklet
 * or from COCO annotations what that file said about it beyond its masks.
 *
 * @param origin the SA-V masklet's own facts ({@link SavMaskletOrigin}) or the COCO
 *     annotations' ids and crowd flags ({@link CocoObjectOrigin}), or {@code null} for an object
 *     that did not come from such a file (added in the workstation, read from another format).
 *     Kept on the object rather than beside it so that it follows the object through renames,
 *     recolors and an undone delete, and is never inherited by a new object that reuses a
 *     deleted one's id.
 * @param crowd every mask of the object marks a crowd of such things rather than one instance
 *     (COCO's {@code iscrowd} 1, which training code treats differently); when false, masks on
 *     frames whose COCO annotation was a crowd ({@link CocoObjectOrigin}) are still crowds
 */
public record TrackedObject(int id, String label, String color, ObjectOrigin origin,
    boolean crowd) {
  private static final Pattern COLOR = Pattern.compile("#[0-9a-f]{6}");

  public TrackedObject {
    if (id < 0) {
      throw new IllegalArgumentException("object id must be >= 0, got " + id);
    }
    Objects.requireNonNull(label, "label");
    color = Objects.requireNonNull(color, "color").toLowerCase(Locale.ROOT);
    if (!COLOR.matcher(color).matches()) {
      throw new IllegalArgumentException("object " + id + ": color must look like #rrggbb, got " + color);
    }
  }

  /** An object without origin. */
  public TrackedObject(int id, String label, String color) {
    this(id, label, color, null);
  }

  /** An object that is not a crowd. */
  public TrackedObject(int id, String label, String color, ObjectOrigin origin) {
    this(id, label, color, origin, false);
  }

  /** How the object's masks are marked as crowds. */
  public enum CrowdMarking {
    /** No mask is a crowd. */
    NONE,
    /** The masks on some frames are (their COCO annotations were), others not. */
    SOME_FRAMES,
    /** Every mask is a crowd. */
    ALL
  }

  public CrowdMarking crowdMarking() {
    if (crowd) {
      return CrowdMarking.ALL;
    }
    CocoObjectOrigin c = cocoAnnotations();
    return c != null && c.anyCrowd() ? CrowdMarking.SOME_FRAMES : CrowdMarking.NONE;
  }

  /** Whether the object's mask on {@code frame} is a crowd ({@code iscrowd} 1). */
  public boolean crowdOn(int frame) {
    if (crowd) {
      return true;
    }
    CocoObjectOrigin c = cocoAnnotations();
    CocoObjectOrigin.FrameAnnotation a = c == null ? null : c.at(frame);
    return a != null && a.crowd();
  }

  /**
   * This object with every mask marked as a crowd or none: the COCO annotations' own flags
   * follow, so that unmarking a crowd imported from COCO exports no crowd either.
   */
  public TrackedObject withCrowd(boolean newCrowd) {
    ObjectOrigin o = origin instanceof CocoObjectOrigin c ? c.withCrowds(newCrowd) : origin;
    return new TrackedObject(id, label, color, o, newCrowd);
  }

  /** The SA-V masklet this object was made from, or {@code null}. */
  public SavMaskletOrigin savMasklet() {
    return origin instanceof SavMaskletOrigin s ? s : null;
  }

  /** The COCO annotations this object was made from, or {@code null}. */
  public CocoObjectOrigin cocoAnnotations() {
    return origin instanceof CocoObjectOrigin c ? c : null;
  }

  /** A well-separated default color for object {@code id} (golden-angle hue steps). */
  public static String defaultColor(int id) {
    float hue = (float) ((id * 0.618033988749895) % 1.0);
    int rgb = java.awt.Color.HSBtoRGB(hue, 0.75f, 0.95f) & 0xffffff;
    return String.format(Locale.ROOT, "#%06x", rgb);
  }

  public TrackedObject withLabel(String newLabel) {
    return new TrackedObject(id, newLabel, color, origin, crowd);
  }

  public TrackedObject withColor(String newColor) {
    return new TrackedObject(id, label, newColor, origin, crowd);
  }
}
