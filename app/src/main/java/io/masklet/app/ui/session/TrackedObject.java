package io.masklet.app.ui.session;

import java.util.Objects;

/** An annotated object (one masklet): engine object id, label and display colour. */
public record TrackedObject(int id, String label, RgbColor color) {
  public TrackedObject {
    if (id <= 0) {
      throw new IllegalArgumentException("object id must be positive, got " + id);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(color, "color");
  }

  public TrackedObject withLabel(String l) {
    return new TrackedObject(id, l, color);
  }

  public TrackedObject withColor(RgbColor c) {
    return new TrackedObject(id, label, c);
  }
}
