package io.masklet.engine.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A video file as exactly indexed frames. At open the packets are scanned (demuxing only) to
 * learn every frame's presentation timestamp and key frames, and the last group of pictures is
 * decoded to confirm how many frames are really decodable (a truncated file keeps the frames
 * before the damage). {@link #frame} then either continues decoding forward, when the wanted
 * frame is ahead in the same stretch, or seeks to the key frame before it and decodes forward,
 * recognising the wanted picture by its timestamp — so frame N is the same picture however it
 * is reached. Frames decoded on the way are cached (bounded by bytes), which makes backward
 * scrubbing and reverse reading cost one decode per group of pictures.
 */
final class VideoFileSource implements FrameSource {
  private final Path path;
  private final long cacheBytes;
  private final VideoDecoder decoder;
  private final FrameCache cache;
  /** Null when the file has no usable timestamps: frames are then identified by counting. */
  private final VideoIndex index;
  private final int frameCount;
  private final double fps;
  private final Orientation orientation;
  private final int width;
  private final int height;
  /** Whether the cache can keep a frame at all (else frames skipped over are not converted). */
  private final boolean cacheHoldsFrames;
  /** Index of the last picture the decoder produced since the last seek, -1 after a seek. */
  private int lastDecoded = -1;
  /** Frames before this index, produced after a seek, are not trusted (open-GOP leaders). */
  private int trustedFrom;
  private boolean positioned;
  /** Whether the key frame sought to has come out since the last seek. */
  private boolean sawKey;
  private boolean exhausted;

  VideoFileSource(Path path, long cacheBytes) throws IOException {
    this.path = path;
    this.cacheBytes = cacheBytes;
    this.cache = new FrameCache(cacheBytes);
    this.decoder = new VideoDecoder(path.toString());
    try {
      List<VideoDecoder.PacketInfo> packets = decoder.scanPackets();
      dropTrailingCorruptPacket(packets);
      fps = decoder.fps();
      orientation = decoder.displayOrientation();
      VideoIndex built = VideoIndex.of(packets);
      if (built != null) {
        int decodable = verifiedFrameCount(built);
        index = built.firstFrames(decodable);
        frameCount = decodable;
      } else {
        index = null;
        frameCount = countByDecoding();
      }
      if (frameCount == 0) {
        String why = decoder.readError() != null ? " (" + decoder.readError() + ")" : "";
        throw new IOException("no decodable video frames in " + path + why);
      }
      int w = decoder.codedWidth();
      int h = decoder.codedHeight();
      if (w <= 0 || h <= 0) {
        throw new IOException("video " + path + " has no picture size");
      }
      width = orientation.swapsAxes() ? h : w;
      height = orientation.swapsAxes() ? w : h;
      cacheHoldsFrames = cacheBytes >= 3L * w * h;
    } catch (IOException | RuntimeException e) {
      decoder.close();
      throw e;
    }
  }

  private static void dropTrailingCorruptPacket(List<VideoDecoder.PacketInfo> packets) {
    // a truncated file ends in a packet cut short; it is not a frame "before the damage"
    if (!packets.isEmpty() && packets.get(packets.size() - 1).corrupt()) {
      packets.remove(packets.size() - 1);
    }
  }

  /**
   * Decodes the last group(s) of pictures to find how many leading frames really decode; the
   * packet list alone over-counts a damaged tail.
   */
  private int verifiedFrameCount(VideoIndex built) throws IOException {
    int n = built.frameCount();
    int key = n == 0 ? -1 : built.keyFrameFor(n - 1);
    while (key >= 0) {
      boolean[] seen = new boolean[n];
      boolean any = false;
      seekTo(built, key);
      Long ts;
      while ((ts = decoder.nextPicture()) != null) {
        int i = built.indexOf(ts);
        if (i >= key) {
          seen[i] = true;
          any = true;
        }
      }
      positioned = false;
      if (any) {
        int count = key;
        while (count < n && seen[count]) {
          count++;
        }
        return count;
      }
      n = key; // nothing of this group decodes: the damage starts before it
      key = built.keyFrameBefore(key);
    }
    return 0;
  }

  private int countByDecoding() throws IOException {
    decoder.rewind();
    int count = 0;
    while (decoder.nextPicture() != null) {
      count++;
    }
    positioned = false;
    return count;
  }

  private void seekTo(VideoIndex idx, int key) throws IOException {
    if (key == 0) {
      decoder.rewind();
    } else {
      decoder.seek(idx.seekTimestamp()[key]);
    }
  }

  @Override
  public int frameCount() {
    return frameCount;
  }

  @Override
  public double fps() {
    return fps;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public String location() {
    return path.toString();
  }

  /** How decoded pictures are turned upright (from the file's display metadata). */
  Orientation orientation() {
    return orientation;
  }

  /** A second decoder on the same file, sharing what the first open learnt (no re-scan). */
  private VideoFileSource(VideoFileSource other) throws IOException {
    path = other.path;
    cacheBytes = other.cacheBytes;
    cache = new FrameCache(cacheBytes);
    decoder = new VideoDecoder(path.toString());
    decoder.startTimestamp(other.decoder.startTimestamp());
    index = other.index;
    frameCount = other.frameCount;
    fps = other.fps;
    orientation = other.orientation;
    width = other.width;
    height = other.height;
    cacheHoldsFrames = other.cacheHoldsFrames;
  }

  @Override
  public FrameSource reopen() throws IOException {
    return new VideoFileSource(this);
  }

  @Override
  public RgbFrame frame(int frameIndex) throws IOException {
    if (frameIndex < 0 || frameIndex >= frameCount) {
      throw new IndexOutOfBoundsException("frame " + frameIndex + " out of range: " + path
          + " has " + frameCount + " frames");
    }
    RgbFrame cached = cache.get(frameIndex);
    if (cached != null) {
      return cached;
    }
    return index != null ? decodeTimed(frameIndex) : decodeCounted(frameIndex);
  }

  private RgbFrame decodeTimed(int target) throws IOException {
    int key = index.keyFrameFor(target);
    boolean continuing = positioned && !exhausted && lastDecoded < target && key <= lastDecoded + 1;
    if (!continuing) {
      seekFor(key);
    }
    while (true) {
      Long ts = decoder.nextPicture();
      if (ts == null) {
        exhausted = true;
        throw new IOException("frame " + target + " of " + path + " could not be decoded"
            + " (the data ends or is damaged before it)");
      }
      int i = index.indexOf(ts);
      if (i < 0) {
        continue; // a picture outside the verified index (damaged tail): never a frame
      }
      if (i == trustedFrom) {
        sawKey = true;
      }
      if (!sawKey && i > target) {
        // the demuxer landed after the wanted frame's key frame: start one group earlier
        int earlier = index.keyFrameBefore(trustedFrom);
        if (earlier < 0) {
          throw new IOException("frame " + target + " of " + path + " could not be decoded");
        }
        seekFor(earlier);
        continue;
      }
      lastDecoded = Math.max(lastDecoded, i);
      if (i < trustedFrom) {
        continue;
      }
      if (i == target) {
        RgbFrame frame = convert(i);
        cache.put(frame);
        return frame;
      }
      if (i > target) {
        throw new IOException("frame " + target + " of " + path
            + " could not be decoded (the decoder skipped it)");
      }
      if (cacheHoldsFrames) {
        cache.put(convert(i)); // on the way: keeps reverse reading at one decode per group
      }
    }
  }

  private void seekFor(int key) throws IOException {
    seekTo(index, key);
    positioned = true;
    exhausted = false;
    lastDecoded = -1;
    trustedFrom = key;
    sawKey = false;
  }

  private RgbFrame decodeCounted(int target) throws IOException {
    if (!(positioned && !exhausted && lastDecoded < target)) {
      decoder.rewind();
      positioned = true;
      exhausted = false;
      lastDecoded = -1;
      trustedFrom = 0;
    }
    while (true) {
      Long ts = decoder.nextPicture();
      if (ts == null) {
        exhausted = true;
        throw new IOException("frame " + target + " of " + path + " could not be decoded");
      }
      int i = ++lastDecoded;
      if (i == target) {
        RgbFrame frame = convert(i);
        cache.put(frame);
        return frame;
      }
      if (cacheHoldsFrames && target - i <= 8) {
        cache.put(convert(i));
      }
    }
  }

  private RgbFrame convert(int frameIndex) throws IOException {
    int w = decoder.pictureWidth();
    int h = decoder.pictureHeight();
    byte[] rgb = decoder.toRgb();
    return orientation.apply(new RgbFrame(frameIndex, w, h, rgb));
  }

  @Override
  public void close() {
    decoder.close();
    cache.clear();
  }
}
