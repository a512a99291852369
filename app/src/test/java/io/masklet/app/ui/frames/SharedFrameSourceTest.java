package io.masklet.app.ui.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Closing the display's source while an export still reads it: the decoder must outlive the
 * export (a closed FFmpeg decoder crashed the JVM), and nobody may reach it after its close.
 */
class SharedFrameSourceTest {
  /** A decoder that, like FFmpeg's, must not be used once closed. */
  static final class Decoder implements FrameSource {
    boolean closed;
    int closes;

    @Override public int frameCount() { return 10; }
    @Override public double fps() { return 25; }
    @Override public int width() { return 2; }
    @Override public int height() { return 1; }
    @Override public String location() { return "clip.mp4"; }
    @Override public FrameSource reopen() { return new Decoder(); }

    @Override
    public RgbFrame frame(int index) {
      if (closed) {
        throw new AssertionError("decoded frame " + index + " after close");
      }
      return new RgbFrame(index, 2, 1, new byte[6]);
    }

    @Override
    public void close() {
      closed = true;
      closes++;
    }
  }

  @Test
  void aLeaseKeepsTheDecoderOpenPastCloseUntilItEnds() throws Exception {
    Decoder d = new Decoder();
    SharedFrameSource s = new SharedFrameSource(d, 2);
    SharedFrameSource.Lease export = s.lease();
    s.close(); // the annotator opened another video
    assertFalse(d.closed, "still exporting");
    assertEquals(7, s.frame(7).index());
    export.close();
    assertTrue(d.closed);
    export.close();
    assertEquals(1, d.closes, "a lease ends once");
  }

  @Test
  void afterTheRealCloseFramesAndLeasesAreRefusedWithoutTouchingTheDecoder() throws Exception {
    Decoder d = new Decoder();
    SharedFrameSource s = new SharedFrameSource(d, 2);
    s.frame(1);
    s.close();
    assertTrue(d.closed);
    IOException e = assertThrows(IOException.class, () -> s.frame(3));
    assertTrue(e.getMessage().contains("clip.mp4"), e.getMessage());
    assertThrows(IOException.class, s::lease);
    s.close();
    assertEquals(1, d.closes);
  }
}
