package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
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

  @Override
  public void apply(AnnotationSession s) {
    after.forEach((k, m) -> {
      if (s.hasObject(k.objectId())) {
        s.setMask(k.objectId(), k.frame(), m);
      }
    });
  }

  @Override
  public void revert(AnnotationSession s) {
    before.forEach((k, m) -> {
      if (s.hasObject(k.objectId())) {
        s.setMask(k.objectId(), k.frame(), m);
      }
    });
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
