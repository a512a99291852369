package io.masklet.app.cli;

import io.masklet.model.project.Annotation;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A 17×12, 3-frame project (a ring and a box moving) and matching frame pictures, for CLI tests. */
final class TinyProject {
  static final int H = 12, W = 17;

  private TinyProject() {}

  /** Writes {@code dir/tiny.masklet.json} whose media location is {@code media}. */
  static Path write(Path dir, String media) throws Exception {
    Annotation a = new Annotation(new MediaSource(MediaSource.Kind.IMAGE_FOLDER, media, 3, 0, W, H));
    a.putObject(new TrackedObject(1, "ring", "#00ff00"));
    a.putObject(new TrackedObject(2, "box", "#0000ff"));
    for (int f = 0; f < 3; f++) {
      byte[] ring = new byte[H * W];
      byte[] box = new byte[H * W];
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int d = (x - 5 - f) * (x - 5 - f) + (y - 6) * (y - 6);
          ring[y * W + x] = (byte) (d <= 16 && d > 2 ? 1 : 0);
          box[y * W + x] = (byte) (x >= 12 && y >= 2 + f && y < 7 + f ? 1 : 0);
        }
      }
      a.setMask(1, f, new FrameMask(Rle.encode(ring, H, W), Provenance.PROPAGATED, 2.5));
      a.setMask(2, f, FrameMask.unscored(Rle.encode(box, H, W), Provenance.EDITED));
    }
    Path p = dir.resolve("tiny.masklet.json");
    ProjectFile.save(a.snapshot(), p);
    return p;
  }

  /** Writes the frames {@code dir/frames/0..2.png} and returns that folder. */
  static Path framesFolder(Path dir) throws Exception {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    for (int f = 0; f < 3; f++) {
      BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          img.setRGB(x, y, (x * 15) << 16 | (y * 20) << 8 | f * 100);
        }
      }
      ImageIO.write(img, "png", frames.resolve(f + ".png").toFile());
    }
    return frames;
  }
}
