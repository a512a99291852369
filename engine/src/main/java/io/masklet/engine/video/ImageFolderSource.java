package io.masklet.engine.video;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Image files (jpg, png, bmp) as the frames of a video, in the order given (the folder's
 * natural order, see {@link FrameSources}). Decoded with OpenCV's codecs — the same libjpeg-turbo
 * family PIL uses — and, like PIL's {@code Image.open}, without applying EXIF orientation, so
 * frames match what the official SAM 2 loader feeds the model. Every frame must have the size
 * of the first.
 */
final class ImageFolderSource implements FrameSource {
  private final String location;
  private final List<Path> files;
  private final FrameCache cache;
  private final long cacheBytes;
  private final int width;
  private final int height;

  ImageFolderSource(String location, List<Path> files, long cacheBytes) throws IOException {
    if (files.isEmpty()) {
      throw new IOException("no images (jpg, png, bmp) in " + location);
    }
    this.location = location;
    this.files = List.copyOf(files);
    this.cacheBytes = cacheBytes;
    this.cache = new FrameCache(cacheBytes);
    RgbFrame first = decode(0);
    this.width = first.width();
    this.height = first.height();
    cache.put(first);
  }

  @Override
  public int frameCount() {
    return files.size();
  }

  @Override
  public double fps() {
    return 0;
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
    return location;
  }

  /** The image file behind frame {@code index}. */
  Path file(int index) {
    return files.get(index);
  }

  @Override
  public RgbFrame frame(int index) throws IOException {
    if (index < 0 || index >= files.size()) {
      throw new IndexOutOfBoundsException("frame " + index + " out of range: " + location
          + " has " + files.size() + " frames");
    }
    RgbFrame cached = cache.get(index);
    if (cached != null) {
      return cached;
    }
    RgbFrame frame = decode(index);
    if (frame.width() != width || frame.height() != height) {
      throw new IOException("frame " + index + " (" + files.get(index) + ") is " + frame.width()
          + "x" + frame.height() + ", but the first frame of " + location + " is " + width + "x"
          + height);
    }
    cache.put(frame);
    return frame;
  }

  private RgbFrame decode(int index) throws IOException {
    Path file = files.get(index);
    byte[] encoded;
    try {
      encoded = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException("cannot read image " + file + ": " + e.getMessage(), e);
    }
    return decodeImage(index, file, encoded);
  }

  /** Decodes one encoded image to RGB (first frame of an animated file). */
  static RgbFrame decodeImage(int index, Path file, byte[] encoded) throws IOException {
    try (BytePointer data = new BytePointer(encoded);
        Mat buffer = new Mat(1, encoded.length, org.bytedeco.opencv.global.opencv_core.CV_8U, data);
        Mat bgr = imdecode(buffer, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION)) {
      if (bgr == null || bgr.empty()) {
        throw new IOException("cannot decode image " + file + " (not a jpg, png or bmp, or damaged)");
      }
      try (Mat rgb = new Mat()) {
        cvtColor(bgr, rgb, COLOR_BGR2RGB);
        int w = rgb.cols();
        int h = rgb.rows();
        byte[] out = new byte[w * h * 3];
        if (rgb.isContinuous()) {
          rgb.data().get(out);
        } else {
          for (int y = 0; y < h; y++) {
            rgb.ptr(y).get(out, y * w * 3, w * 3);
          }
        }
        return new RgbFrame(index, w, h, out);
      }
    }
  }

  @Override
  public FrameSource reopen() throws IOException {
    return new ImageFolderSource(location, files, cacheBytes);
  }

  @Override
  public void close() {
    cache.clear();
  }
}
