package io.masklet.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileSourceTest {
  private static Path bedroom;

  @TempDir static Path tmp;

  /** A 60-frame MPEG-4 Part 2 video with a key frame every 10 frames and 2 B-frames. */
  private static Path gopVideo;

  @BeforeAll
  static void setUp() throws Exception {
    Path shared = TestVideos.shared();
    bedroom = shared == null ? null : shared.resolve("data/videos/bedroom.mp4");
    gopVideo = tmp.resolve("gop.mp4");
    TestVideos.write(gopVideo, "mp4", avcodec.AV_CODEC_ID_MPEG4, 60, 160, 96, 10, 2, 0, Map.of());
  }

  private static Path bedroom() {
    Assumptions.assumeTrue(bedroom != null && Files.isRegularFile(bedroom),
        "shared video data/videos/bedroom.mp4 absent");
    return bedroom;
  }

  /** Every frame, decoded by reading the whole file front to back (no cache, no seeks). */
  private static List<byte[]> sequential(Path video) throws IOException {
    List<byte[]> frames = new ArrayList<>();
    try (FrameSource s = FrameSources.open(video, 0)) {
      for (int i = 0; i < s.frameCount(); i++) {
        frames.add(s.frame(i).rgb());
      }
    }
    return frames;
  }

  @Test
  void bedroomHasExactCountSizeAndRate() throws Exception {
    try (FrameSource s = FrameSources.open(bedroom())) {
      assertEquals(200, s.frameCount());
      assertEquals(960, s.width());
      assertEquals(540, s.height());
      assertEquals(30.0, s.fps(), 1e-9);
      RgbFrame f = s.frame(199);
      assertEquals(199, f.index());
      assertEquals(960 * 540 * 3, f.rgb().length);
    }
  }

  /** 30 random indices (seed 5), visited in random order: seeking equals playing from start. */
  @Test
  void bedroomSeekingGivesPixelIdenticalFramesToSequentialDecoding() throws Exception {
    Path video = bedroom();
    Random random = new Random(5);
    int[] picks = random.ints(30, 0, 200).toArray();
    Map<Integer, byte[]> expected = new HashMap<>();
    try (FrameSource s = FrameSources.open(video, 0)) {
      for (int i = 0; i < 200; i++) {
        final int k = i;
        if (java.util.Arrays.stream(picks).anyMatch(p -> p == k)) {
          expected.put(i, s.frame(i).rgb());
        } else {
          s.frame(i);
        }
      }
    }
    try (FrameSource s = FrameSources.open(video, 0)) {
      for (int p : picks) {
        assertArrayEquals(expected.get(p), s.frame(p).rgb(), "frame " + p + " after seeking");
      }
    }
  }

  @Test
  void seekingInAVideoWithKeyFramesAndBFramesMatchesSequentialDecoding() throws Exception {
    List<byte[]> expected = sequential(gopVideo);
    assertEquals(60, expected.size());
    for (int i = 1; i < expected.size(); i++) {
      assertFalse(java.util.Arrays.equals(expected.get(i - 1), expected.get(i)),
          "frames " + (i - 1) + " and " + i + " should differ");
    }
    Random random = new Random(7);
    try (FrameSource s = FrameSources.open(gopVideo, 0)) {
      for (int k = 0; k < 40; k++) {
        int p = random.nextInt(60);
        assertArrayEquals(expected.get(p), s.frame(p).rgb(), "frame " + p + " after seeking");
      }
      for (int p = 59; p >= 0; p--) {
        assertArrayEquals(expected.get(p), s.frame(p).rgb(), "frame " + p + " read backwards");
      }
    }
  }

  @Test
  void cachedFramesAreTheDecodedOnes() throws Exception {
    List<byte[]> expected = sequential(gopVideo);
    try (FrameSource s = FrameSources.open(gopVideo)) {
      for (int p : new int[] {33, 31, 33, 5, 31, 59, 0}) {
        assertArrayEquals(expected.get(p), s.frame(p).rgb(), "frame " + p);
      }
    }
  }

  @Test
  void prefetchingReaderDeliversFramesInOrderForwardAndBackward() throws Exception {
    List<byte[]> expected = sequential(gopVideo);
    try (FrameSource s = FrameSources.open(gopVideo)) {
      try (FrameReader r = FrameSources.prefetch(s, 0, 60, false, 4)) {
        for (int i = 0; i < 60; i++) {
          assertTrue(r.hasNext());
          RgbFrame f = r.next();
          assertEquals(i, f.index());
          assertArrayEquals(expected.get(i), f.rgb(), "forward frame " + i);
        }
        assertFalse(r.hasNext());
      }
      try (FrameReader r = FrameSources.prefetch(s, 45, 30, true, 3)) {
        for (int i = 45; i > 15; i--) {
          RgbFrame f = r.next();
          assertEquals(i, f.index());
          assertArrayEquals(expected.get(i), f.rgb(), "backward frame " + i);
        }
        assertFalse(r.hasNext());
      }
      // closing early stops the producer; the source itself stays usable
      FrameReader early = FrameSources.prefetch(s, 0, 60, false, 2);
      early.next();
      early.close();
      assertArrayEquals(expected.get(7), s.frame(7).rgb());
    }
  }

  /** JavaCPP-tracked native memory stays flat over repeated full reads and seeks. */
  @Test
  void longReadsDoNotGrowNativeMemory() throws Exception {
    try (FrameSource s = FrameSources.open(gopVideo, 0)) {
      for (int i = 0; i < 60; i++) {
        s.frame(i);
      }
      long before = org.bytedeco.javacpp.Pointer.totalBytes();
      for (int pass = 0; pass < 5; pass++) {
        for (int i = 0; i < 60; i++) {
          s.frame(pass % 2 == 0 ? i : 59 - i);
        }
      }
      long growth = org.bytedeco.javacpp.Pointer.totalBytes() - before;
      assertTrue(growth <= 0, "native bytes grew by " + growth + " over 300 frame reads");
    }
  }

  @Test
  void rotatedVideoIsShownUpright() throws Exception {
    Path plain = tmp.resolve("plain.mp4");
    Path rotated = tmp.resolve("rotated.mp4");
    TestVideos.write(plain, "mp4", avcodec.AV_CODEC_ID_MPEG4, 3, 64, 32, 10, 0, 0, Map.of());
    TestVideos.write(rotated, "mp4", avcodec.AV_CODEC_ID_MPEG4, 3, 64, 32, 10, 0, 90, Map.of());
    int angle;
    try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(
        rotated.toFile())) {
      g.start();
      // FFmpeg's display matrix angle is counter-clockwise; showing it upright turns it back
      angle = Orientation.quarterTurn(-g.getDisplayRotation());
      g.stop();
    }
    assertTrue(angle == 90 || angle == 270, "the recorder stored a quarter turn, got " + angle);
    try (FrameSource p = FrameSources.open(plain);
        VideoFileSource r = (VideoFileSource) FrameSources.open(rotated)) {
      assertEquals(new Orientation(false, angle), r.orientation());
      assertEquals(32, r.width());
      assertEquals(64, r.height());
      RgbFrame upright = r.frame(1);
      assertEquals(32, upright.width());
      assertArrayEquals(Rotation.rotateClockwise(p.frame(1), angle).rgb(), upright.rgb());
      // the red top-left block of the source ends at the top-right (90) or bottom-left (270)
      int x = angle == 90 ? 28 : 2;
      int y = angle == 90 ? 2 : 60;
      int o = (y * 32 + x) * 3;
      assertTrue((upright.rgb()[o] & 0xff) > 200, "red corner at (" + x + "," + y + ")");
    }
  }

  /**
   * A display matrix that mirrors as well as turns (as some front-camera recorders write): the
   * file's track header is given FFmpeg's own matrix for a quarter turn with a horizontal flip,
   * and the frames come out as that matrix says ({@link OrientationTest} checks the reading
   * against FFmpeg's command line), with width and height swapped.
   */
  @Test
  void mirroredDisplayMatrixIsAppliedToo() throws Exception {
    Path plain = tmp.resolve("plain-for-mirror.mp4");
    TestVideos.write(plain, "mp4", avcodec.AV_CODEC_ID_MPEG4, 3, 64, 32, 10, 0, 0, Map.of());
    int[] m = new int[9];
    org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set(m, 90);
    org.bytedeco.ffmpeg.global.avutil.av_display_matrix_flip(m, 1, 0);
    Path mirrored = tmp.resolve("mirrored.mp4");
    Files.write(mirrored, withTrackMatrix(Files.readAllBytes(plain), m));
    Orientation o = Orientation.fromDisplayMatrix(m);
    assertTrue(o.mirrored() && o.swapsAxes(), o.toString());
    try (FrameSource p = FrameSources.open(plain);
        VideoFileSource r = (VideoFileSource) FrameSources.open(mirrored)) {
      assertEquals(o, r.orientation());
      assertEquals(32, r.width());
      assertEquals(64, r.height());
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(o.apply(p.frame(i)).rgb(), r.frame(i).rgb(), "frame " + i);
      }
    }
  }

  /** An MP4 file's bytes with the (single) track header's 3x3 matrix replaced by {@code m}. */
  private static byte[] withTrackMatrix(byte[] mp4, int[] m) {
    byte[] tag = "tkhd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = -1;
    for (int i = 0; i + 4 <= mp4.length && at < 0; i++) {
      if (java.util.Arrays.equals(mp4, i, i + 4, tag, 0, 4)) {
        at = i;
      }
    }
    assertTrue(at > 0, "a tkhd box");
    // type, version + flags, times/ids/duration (20 bytes in version 0, 32 in 1), then
    // reserved, layer, alternate group, volume, reserved (16 bytes), then the matrix
    int matrixAt = at + 4 + 4 + (mp4[at + 4] == 1 ? 32 : 20) + 16;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(mp4.clone());
    for (int k = 0; k < 9; k++) {
      b.putInt(matrixAt + 4 * k, m[k]);
    }
    return b.array();
  }

  /**
   * What phones record: HEVC Main 10 in a QuickTime file with a 90° display matrix (a stored clip,
   * see the README beside it). It opens upright, its frames are the ffmpeg command line's decoding
   * of the same stream turned upright, and random access gives the sequential frames exactly.
   */
  @Test
  void tenBitHevcFromAPhoneDecodesUprightAndSeeksExactly() throws Exception {
    Path video = tmp.resolve("hevc10_rot90.mov");
    try (var in = VideoFileSourceTest.class.getResourceAsStream("hevc10_rot90.mov")) {
      Files.copy(in, video);
    }
    List<byte[]> playing = sequential(video);
    assertEquals(6, playing.size());
    try (VideoFileSource s = (VideoFileSource) FrameSources.open(video, 0)) {
      assertEquals(48, s.width());
      assertEquals(64, s.height());
      int angle = s.orientation().clockwise();
      assertFalse(s.orientation().mirrored());
      assertTrue(angle == 90 || angle == 270, "rotation " + angle);
      for (int i : new int[] {0, 4}) {
        RgbFrame reference = Rotation.rotateClockwise(
            png("hevc10_frame" + i + "_unrotated.png", i), angle);
        RgbFrame frame = s.frame(i);
        assertEquals(48, frame.width());
        // the same FFmpeg decoder and swscale conversion; 2 levels of slack for library updates
        assertWithin(2, reference.rgb(), frame.rgb(), "frame " + i);
      }
      for (int i : new int[] {5, 0, 3, 1, 4, 2}) {
        assertArrayEquals(playing.get(i), s.frame(i).rgb(), "frame " + i + " by seeking");
      }
    }
  }

  /** A test resource PNG as an RGB frame. */
  private static RgbFrame png(String name, int index) throws IOException {
    try (var in = VideoFileSourceTest.class.getResourceAsStream(name)) {
      return RgbFrame.of(index, javax.imageio.ImageIO.read(in));
    }
  }

  /** Every component of {@code got} within {@code slack} of {@code want} (unsigned bytes). */
  private static void assertWithin(int slack, byte[] want, byte[] got, String what) {
    assertEquals(want.length, got.length, what + ": length");
    int worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs((want[i] & 0xff) - (got[i] & 0xff)));
    }
    assertTrue(worst <= slack, what + ": off by up to " + worst);
  }

  @Test
  void missingFileIsNamed() {
    Path missing = tmp.resolve("nope.mp4");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FrameSources.open(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void textFileRenamedMp4IsNotAVideo() throws Exception {
    Path fake = tmp.resolve("notes.mp4");
    Files.writeString(fake, "these are my notes, not a video\n".repeat(20));
    IOException e = assertThrows(IOException.class, () -> FrameSources.open(fake));
    assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    Path empty = tmp.resolve("empty.mkv");
    Files.write(empty, new byte[0]);
    IOException e = assertThrows(IOException.class, () -> FrameSources.open(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  @Test
  void videoWithZeroFramesIsRejected() throws Exception {
    Path zero = tmp.resolve("zero.mkv");
    TestVideos.write(zero, "matroska", avcodec.AV_CODEC_ID_MPEG4, 0, 64, 32, 10, 0, 0, Map.of());
    IOException e = assertThrows(IOException.class, () -> FrameSources.open(zero));
    assertTrue(e.getMessage().contains(zero.toString()), e.getMessage());
  }

  /** A Matroska track whose codec id no FFmpeg decoder knows (patched in place, same length). */
  @Test
  void unknownCodecIsNamedAsUnsupported() throws Exception {
    Path mkv = tmp.resolve("codec.mkv");
    TestVideos.write(mkv, "matroska", avcodec.AV_CODEC_ID_MPEG4, 3, 64, 32, 10, 0, 0, Map.of());
    byte[] bytes = Files.readAllBytes(mkv);
    byte[] id = "V_MPEG4/ISO/ASP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] unknown = "V_MASKLET/NONE_".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int at = indexOf(bytes, id);
    assertTrue(at >= 0, "codec id not found in the written file");
    System.arraycopy(unknown, 0, bytes, at, unknown.length);
    Path patched = tmp.resolve("unknown_codec.mkv");
    Files.write(patched, bytes);
    IOException e = assertThrows(IOException.class, () -> FrameSources.open(patched));
    assertTrue(e.getMessage().contains(patched.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("unknown video codec"), e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** bedroom.mp4 keeps its index (moov) at the end: a cut copy has no index at all. */
  @Test
  void truncatedMp4WithoutIndexIsAClearError() throws Exception {
    byte[] all = Files.readAllBytes(bedroom());
    Path cut = tmp.resolve("bedroom_cut.mp4");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    IOException e = assertThrows(IOException.class, () -> FrameSources.open(cut));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
  }

  /** Streamable layouts (Matroska, mp4 with the index first) keep the frames before the cut. */
  @Test
  void truncatedVideoYieldsTheFramesBeforeTheDamage() throws Exception {
    for (String format : new String[] {"matroska", "mp4"}) {
      Path full = tmp.resolve("full." + (format.equals("mp4") ? "mp4" : "mkv"));
      Map<String, String> opts = format.equals("mp4") ? Map.of("movflags", "+faststart") : Map.of();
      TestVideos.write(full, format, avcodec.AV_CODEC_ID_MPEG4, 60, 160, 96, 10, 2, 0, opts);
      List<byte[]> expected = sequential(full);
      byte[] all = Files.readAllBytes(full);
      Path cut = tmp.resolve("cut_" + full.getFileName());
      Files.write(cut, java.util.Arrays.copyOf(all, all.length * 6 / 10));
      try (FrameSource s = FrameSources.open(cut, 0)) {
        int n = s.frameCount();
        assertTrue(n > 10 && n < 60, format + ": " + n + " frames decodable of 60");
        for (int i = 0; i < n; i++) {
          RgbFrame f = s.frame(i);
          // frames of complete groups before the cut are intact
          if (i < n - 10) {
            assertArrayEquals(expected.get(i), f.rgb(), format + " frame " + i);
          }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> s.frame(n));
      }
    }
  }

  @Test
  void vp9Av1MjpegAndMpeg4InWebmMkvAviMovDecodeAndSeekExactly() throws Exception {
    Map<String, String> none = Map.of();
    // libaom's fastest settings keep the AV1 encode to about a second
    Map<String, String> fastAv1 = Map.of("cpu-used", "8", "usage", "realtime");
    Object[][] cases = {
      {"webm", avcodec.AV_CODEC_ID_VP9, "vp9.webm", none},
      {"matroska", avcodec.AV_CODEC_ID_AV1, "av1.mkv", fastAv1},
      {"avi", avcodec.AV_CODEC_ID_MJPEG, "mjpeg.avi", none},
      {"mov", avcodec.AV_CODEC_ID_MPEG4, "mpeg4.mov", none},
    };
    for (Object[] c : cases) {
      Path file = tmp.resolve((String) c[2]);
      @SuppressWarnings("unchecked")
      Map<String, String> options = (Map<String, String>) c[3];
      TestVideos.write(file, (String) c[0], (Integer) c[1], 12, 64, 48, 5, 0, 0, options);
      List<byte[]> expected = sequential(file);
      assertEquals(12, expected.size(), file.toString());
      try (FrameSource s = FrameSources.open(file, 0)) {
        assertEquals(64, s.width());
        assertEquals(48, s.height());
        for (int p : new int[] {9, 2, 11, 0, 6}) {
          assertArrayEquals(expected.get(p), s.frame(p).rgb(), c[2] + " frame " + p);
        }
      }
    }
  }
}
