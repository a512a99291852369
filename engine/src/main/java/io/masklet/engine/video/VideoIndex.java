package io.masklet.engine.video;

import java.util.Arrays;
import java.util.List;

/**
 * Which presentation timestamp is frame N, and where to start decoding to reach it. Built from
 * the demuxer's packet list: frame N is the packet with the N-th smallest presentation
 * timestamp. Seeking for frame N starts at the last key frame whose presentation timestamp is
 * not after N's — never a key frame that N precedes in display order (open-GOP B-frames that
 * display before their key frame need the previous group).
 *
 * @param pts presentation timestamps in display order (stream time base), strictly increasing
 * @param keyFrame for each frame index, whether it is a key frame (a decodable start)
 * @param seekTimestamp for each frame index, the timestamp to hand the demuxer's backward seek
 *     to land on that frame's packet: min(pts, dts), since formats index key frames by either
 */
record VideoIndex(long[] pts, boolean[] keyFrame, long[] seekTimestamp) {

  int frameCount() {
    return pts.length;
  }

  /** Frame index of a decoded picture's timestamp, or -1 if no indexed frame has it. */
  int indexOf(long timestamp) {
    int i = Arrays.binarySearch(pts, timestamp);
    return i >= 0 ? i : -1;
  }

  /** The key frame to start decoding from to reach {@code index}. */
  int keyFrameFor(int index) {
    for (int k = index; k >= 0; k--) {
      if (keyFrame[k]) {
        return k;
      }
    }
    return 0;
  }

  /** The key frame before {@code key} (to retry a seek that landed too late), or -1. */
  int keyFrameBefore(int key) {
    for (int k = key - 1; k >= 0; k--) {
      if (keyFrame[k]) {
        return k;
      }
    }
    return -1;
  }

  /** Index truncated to the first {@code count} frames. */
  VideoIndex firstFrames(int count) {
    return new VideoIndex(Arrays.copyOf(pts, count), Arrays.copyOf(keyFrame, count),
        Arrays.copyOf(seekTimestamp, count));
  }

  /**
   * Builds the index, or returns null when the packets do not carry usable presentation
   * timestamps (missing or repeated), in which case frames can only be identified by counting.
   */
  static VideoIndex of(List<VideoDecoder.PacketInfo> packets) {
    int n = packets.size();
    long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      VideoDecoder.PacketInfo p = packets.get(i);
      if (p.pts() == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE) {
        return null;
      }
      long dts = p.dts() == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? p.pts() : p.dts();
      rows[i] = new long[] {p.pts(), Math.min(p.pts(), dts), p.key() ? 1 : 0};
    }
    Arrays.sort(rows, (a, b) -> Long.compare(a[0], b[0]));
    long[] pts = new long[n];
    long[] seek = new long[n];
    boolean[] key = new boolean[n];
    for (int i = 0; i < n; i++) {
      pts[i] = rows[i][0];
      seek[i] = rows[i][1];
      key[i] = rows[i][2] != 0;
      if (i > 0 && pts[i] == pts[i - 1]) {
        return null;
      }
    }
    if (n > 0) {
      key[0] = true; // decoding always can start at the beginning of the stream
    }
    return new VideoIndex(pts, key, seek);
  }
}
