package io.masklet.engine.video;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small synthetic videos written with JavaCV's recorder, for tests. */
final class TestVideos {
  private TestVideos() {}

  static Path shared() {
    String shared = System.getProperty("masklet.shared");
    return shared == null ? null : Path.of(shared);
  }

  /**
   * Writes {@code frames} frames of a moving pattern (each frame distinct) with the given
   * container, codec, key-frame interval and B-frames; {@code displayRotation} != 0 stores a
   * display matrix (JavaCV's convention, degrees).
   */
  static void write(Path file, String format, int codecId, int frames, int width, int height,
      int gop, int bFrames, double displayRotation, Map<String, String> options) throws Exception {
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toString(), width, height, 0)) {
      rec.setFormat(format);
      rec.setVideoCodec(codecId);
      // the MJPEG encoder only takes full-range ("J") YUV
      rec.setPixelFormat(codecId == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG
          ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(25);
      rec.setGopSize(gop);
      rec.setMaxBFrames(bFrames);
      if (displayRotation != 0) {
        rec.setDisplayRotation(displayRotation);
      }
      options.forEach(rec::setOption);
      rec.start();
      for (int i = 0; i < frames; i++) {
        try (Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
          ByteBuffer bgr = (ByteBuffer) frame.image[0];
          int stride = frame.imageStride;
          for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
              int o = y * stride + x * 3;
              bgr.put(o, (byte) ((x * 4 + i * 9) & 0xff));
              bgr.put(o + 1, (byte) ((y * 4 + i * 5) & 0xff));
              // a red block in the top-left corner shows orientation
              bgr.put(o + 2, (byte) (x < width / 4 && y < height / 4 ? 255 : (i * 17) & 0xff));
            }
          }
          rec.record(frame, avutil.AV_PIX_FMT_BGR24);
        }
      }
      rec.stop();
    }
  }
}
