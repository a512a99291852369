package io.masklet.app.ui.canvas;

import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.RgbColor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Overlay pixels rendered ahead of time on a worker thread (next to the frame's picture), so
 * showing a frame only copies ready buffers into the overlay images on the UI thread. Keyed by
 * the mask's identity (decoded masks are shared and never mutated; a live brush stroke's
 * working mask is, and is always rendered on the UI thread instead) and the look.
 */
public final class OverlayPixels {
  /** How an overlay is drawn: fill and outline opacity, outline on/off. */
  public record Style(double fillAlpha, boolean outline, double outlineAlpha) {
    /** The selected object's outline is fully opaque so it stands out among many objects. */
    public static Style of(double opacity, boolean outlines, boolean selected) {
      return new Style(opacity, outlines, selected ? 1.0 : Math.max(opacity, 0.7));
    }
  }

  private record Key(BinaryMask mask, RgbColor color, Style style) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.mask == mask && k.color.equals(color)
          && k.style.equals(style);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * System.identityHashCode(mask) + color.hashCode()) + style.hashCode();
    }
  }

  private final Map<Key, int[]> rendered = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, int[]> e) {
      return size() > capacity;
    }
  };
  private final int capacity;

  /** @param capacity buffers kept (a few frames' worth of objects) */
  public OverlayPixels(int capacity) {
    this.capacity = capacity;
  }

  /** Renders and keeps the pixels of {@code mask} in {@code style}; any thread. */
  public void prepare(BinaryMask mask, RgbColor color, Style style) {
    Key k = new Key(mask, color, style);
    synchronized (rendered) {
      if (rendered.containsKey(k)) {
        return;
      }
    }
    int[] argb = render(mask, color, style);
    synchronized (rendered) {
      rendered.put(k, argb);
    }
  }

  /** The pixels prepared for this mask and style (and forgets them), or null. */
  public int[] take(BinaryMask mask, RgbColor color, Style style) {
    synchronized (rendered) {
      return rendered.remove(new Key(mask, color, style));
    }
  }

  /** Renders now (premultiplied ARGB, width × height). */
  public static int[] render(BinaryMask mask, RgbColor color, Style style) {
    int[] argb = new int[mask.width() * mask.height()];
    OverlayRenderer.render(mask, color, style.fillAlpha(), style.outline(), style.outlineAlpha(),
        argb);
    return argb;
  }
}
