package io.masklet.app.sample;

import io.masklet.app.cli.CliProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Encodes the {@link SampleScene} as an H.264 mp4 with JavaCV's recorder. JavaCV's LGPL FFmpeg
 * build carries the OpenH264 encoder (not x264), so that is the one used. The file is encoded
 * under a temporary name next to the target and renamed into place when complete.
 */
public final class SampleVideoWriter {
  /** Bit rate that keeps the 3-second sample well under 500 KB with clean texture edges. */
  static final int BITRATE = 900_000;

  private SampleVideoWriter() {}

  public static void write(SampleScene scene, Path target) throws IOException {
    write(scene, target, SampleScene.FRAMES);
  }

  /** Writes the first {@code frames} frames of the scene (short clips for tests). */
  public static void write(SampleScene scene, Path target, int frames) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    boolean done = false;
    try (Java2DFrameConverter converter = new Java2DFrameConverter();
        CliProgress progress = CliProgress.count("sample video", frames, "frames")) {
      avutil.av_log_set_level(avutil.AV_LOG_ERROR); // the encoder's chatter is not for users
      FFmpegFrameRecorder rec =
          new FFmpegFrameRecorder(tmp.toFile(), SampleScene.WIDTH, SampleScene.HEIGHT, 0);
      rec.setFormat("mp4");
      rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
      rec.setVideoCodecName("libopenh264");
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(SampleScene.FPS);
      rec.setGopSize(SampleScene.FPS);
      rec.setVideoBitrate(BITRATE);
      rec.setMetadata(java.util.Map.of("title", "Masklet Studio sample"));
      try {
        rec.start();
        for (int t = 0; t < frames; t++) {
          rec.record(converter.convert(scene.render(t).rgb()));
          progress.step();
        }
        rec.stop();
      } finally {
        rec.release();
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
