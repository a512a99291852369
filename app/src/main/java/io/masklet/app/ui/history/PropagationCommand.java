package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.MaskBatch;
import io.masklet.model.project.FrameMask;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The masks one propagation run wrote (possibly cancelled part-way), with what they replaced. A
 * {@code null} value means "no mask" on that side.
 */
public record PropagationCommand(
    String description, Map<FrameKey, FrameMask> before, Map<FrameKey, FrameMask> after)
    implements Command {

  public PropagationCommand {
    before = Collections.unmodifiableMap(new HashMap<>(before));
    after = Collections.unmodifiableMap(new HashMap<>(after));
  }

  /** Writes the run's masks again; objects deleted since are skipped. */
  @Override
  public void apply(AnnotationSession s) {
    s.apply(redoBatch(s));
  }

  /** Puts back what the run replaced; objects deleted since are skipped. */
  @Override
  public void revert(AnnotationSession s) {
    s.apply(undoBatch(s));
  }

  @Override
  public MaskBatch undoBatch(AnnotationSession s) {
    return s.batch(writes(before));
  }

  @Override
  public MaskBatch redoBatch(AnnotationSession s) {
    return s.batch(writes(after));
  }

  /** The maps never change, so a worker thread may read them. */
  private static MaskBatch.Writes writes(Map<FrameKey, FrameMask> masks) {
    return sink -> masks.forEach((k, m) -> sink.write(k.objectId(), k.frame(), m));
  }

  /**
   * The masks this run replaced (a re-propagation of a whole video replaces every mask: at
   * 10,000 frames and 20 objects some 200,000 of them) and both maps' entries.
   */
  @Override
  public long undoBytes() {
    long bytes = HeldBytes.MAP_ENTRY * (before.size() + after.size());
    for (FrameMask m : before.values()) {
      bytes += HeldBytes.of(m);
    }
    return bytes;
  }

  public int frameCount() {
    return after.size();
  }
}
