package io.masklet.model.project;

import io.masklet.model.rle.Rle;
import java.time.Instant;
import java.util.List;

/** Small hand-made projects for format tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A disc of radius r centred at (cx, cy) with an optional square hole, as RLE. */
  public static Rle disc(int h, int w, int cx, int cy, int r, int hole) {
    byte[] m = new byte[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
        boolean inHole = Math.abs(x - cx) < hole && Math.abs(y - cy) < hole;
        m[y * w + x] = (byte) (in && !inHole ? 1 : 0);
      }
    }
    return Rle.encode(m, h, w);
  }

  /** 3 frames of 23×31 video, two objects, masks with holes, prompts and a log. */
  public static Project smallProject() {
    int h = 23, w = 31;
    MediaSource src = new MediaSource(MediaSource.Kind.VIDEO, "clip.mp4", 3, 24.0, w, h);
    Annotation a = new Annotation(src);
    a.putObject(new TrackedObject(1, "cat", "#ff8800"));
    a.putObject(new TrackedObject(4, "dog house", TrackedObject.defaultColor(4)));
    a.setMask(1, 0, new FrameMask(disc(h, w, 10, 11, 7, 2), Provenance.PROMPTED, 7.25));
    a.setMask(1, 1, new FrameMask(disc(h, w, 12, 11, 7, 0), Provenance.PROPAGATED, -0.5));
    a.setMask(1, 2, FrameMask.unscored(Rle.empty(h, w), Provenance.EDITED));
    a.setMask(4, 2, new FrameMask(disc(h, w, 25, 5, 4, 0), Provenance.PROPAGATED, 3.0));
    a.putPrompt(new Prompt(0, 1, List.of(new PointPrompt(10.5, 11, true),
        new PointPrompt(3, 4, false)), new BoxPrompt(2, 3, 18.5, 20), null));
    a.putPrompt(Prompt.ofMask(2, 1, Rle.empty(h, w)));
    a.log(new InteractionEvent(Instant.parse("2025-01-02T03:04:05.123Z"), 0, 1,
        InteractionEvent.Action.ADD_POINTS, "2 points"));
    a.log(new InteractionEvent(Instant.parse("2025-01-02T03:04:09Z"), -1, -1,
        InteractionEvent.Action.PROPAGATE_FORWARD, ""));
    return a.snapshot();
  }
}
