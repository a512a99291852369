package io.masklet.model.project;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One object's masks over time: frame index → mask, for the frames where the object has a
 * mask (absent frames have none; an empty RLE means "annotated as not visible").
 */
public record Masklet(int objectId, NavigableMap<Integer, FrameMask> frames) {
  public Masklet {
    Objects.requireNonNull(frames, "frames");
    frames = Collections.unmodifiableNavigableMap(new TreeMap<>(frames));
    for (var e : frames.entrySet()) {
      if (e.getKey() < 0) {
        throw new IllegalArgumentException("object " + objectId + ": negative frame " + e.getKey());
      }
      if (e.getValue() == null) {
        // the message is built only on failure: this loop runs over every frame of every
        // object on each save and autosave snapshot
        throw new NullPointerException("object " + objectId + ": mask of frame " + e.getKey());
      }
    }
  }

  public FrameMask at(int frame) {
    return frames.get(frame);
  }
}
