package io.masklet.app.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * The synthetic scene of the sample video: three textured objects moving over a textured
 * background, one passing behind another. Everything is a pure function of the frame index, and
 * shapes are drawn without anti-aliasing, so each object's ground-truth mask is exact: the pixels
 * its shape covers minus those covered by objects drawn on top of it.
 */
public final class SampleScene {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 360;
  public static final int FRAMES = 90;
  public static final int FPS = 30;

  /** An object of the scene: its id (1-based, the annotation object id), label and color. */
  public record SceneObject(int id, String label, Color color) {}

  /** One rendered frame: RGB pixels and a label map (0 background, else the visible object id). */
  public record RenderedFrame(BufferedImage rgb, byte[] labels) {
    /** The row-major 0/1 mask of one object on this frame (exact, occlusion applied). */
    public byte[] mask(int objectId) {
      byte[] m = new byte[labels.length];
      for (int i = 0; i < labels.length; i++) {
        m[i] = labels[i] == objectId ? (byte) 1 : 0;
      }
      return m;
    }
  }

  public static final List<SceneObject> OBJECTS =
      List.of(
          new SceneObject(1, "ball", new Color(0xE8, 0x5D, 0x3A)),
          new SceneObject(2, "box", new Color(0x3A, 0x7B, 0xD5)),
          new SceneObject(3, "star", new Color(0xF2, 0xC1, 0x2E)));

  private final BufferedImage background = drawBackground();
  private final Paint ballPaint = rings(OBJECTS.get(0).color(), new Color(0x7A, 0x1E, 0x10));
  private final Paint boxPaint = checker(OBJECTS.get(1).color(), new Color(0xDD, 0xE8, 0xF7), 12);
  private final Paint starPaint = stripes(OBJECTS.get(2).color(), new Color(0x8A, 0x5A, 0x00));

  /** Renders frame {@code t} (0-based). */
  public RenderedFrame render(int t) {
    if (t < 0 || t >= FRAMES) {
      throw new IllegalArgumentException("frame " + t + " outside 0.." + (FRAMES - 1));
    }
    BufferedImage rgb = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    // RGB, not BYTE_GRAY: a gray image would gamma-convert the small id values on the way in.
    BufferedImage labels = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    Graphics2D l = labels.createGraphics();
    for (Graphics2D x : List.of(g, l)) {
      // Hard edges: a pixel is inside a shape or not, so the label map is the exact mask.
      x.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      x.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }
    g.drawImage(background, 0, 0, null);
    // Back to front: the star passes behind the ball, the box crosses in front of both.
    Shape[] shapes = {star(t), ball(t), box(t)};
    Paint[] paints = {starPaint, ballPaint, boxPaint};
    int[] ids = {3, 1, 2};
    for (int i = 0; i < shapes.length; i++) {
      g.setPaint(paints[i]);
      g.fill(shapes[i]);
      l.setColor(new Color(0, 0, ids[i]));
      l.fill(shapes[i]);
    }
    g.dispose();
    l.dispose();
    int[] px = ((DataBufferInt) labels.getRaster().getDataBuffer()).getData();
    byte[] lab = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      lab[i] = (byte) (px[i] & 0xFF);
    }
    return new RenderedFrame(rgb, lab);
  }

  private static double phase(int t) {
    return t / (double) (FRAMES - 1);
  }

  /** A ring-textured disc moving left to right on a gentle wave. */
  static Shape ball(int t) {
    double p = phase(t);
    double r = 42;
    double cx = 90 + p * 420;
    double cy = 190 + 45 * Math.sin(p * 2 * Math.PI);
    return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
  }

  /** A checkered rectangle moving right to left while turning. */
  static Shape box(int t) {
    double p = phase(t);
    double cx = 560 - p * 430;
    double cy = 280 - 30 * p;
    AffineTransform at = AffineTransform.getTranslateInstance(cx, cy);
    at.rotate(p * Math.PI * 0.75);
    return at.createTransformedShape(new Rectangle2D.Double(-60, -36, 120, 72));
  }

  /** A striped five-pointed star bobbing up and down in the middle, behind the ball. */
  static Shape star(int t) {
    double p = phase(t);
    double cx = 330 + 40 * Math.cos(p * 2 * Math.PI);
    double cy = 150 + 60 * Math.sin(p * 3 * Math.PI);
    Polygon poly = new Polygon();
    for (int k = 0; k < 10; k++) {
      double radius = (k % 2 == 0) ? 56 : 24;
      double a = -Math.PI / 2 + k * Math.PI / 5 + p * 1.2;
      poly.addPoint(
          (int) Math.round(cx + radius * Math.cos(a)), (int) Math.round(cy + radius * Math.sin(a)));
    }
    return poly;
  }

  /** Soft plaid of low-frequency waves and a vertical gradient: textured but cheap to encode. */
  private static BufferedImage drawBackground() {
    BufferedImage bg = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double u = Math.sin(x * 2 * Math.PI / 80.0);
        double v = Math.sin(y * 2 * Math.PI / 60.0);
        double w = Math.sin((x + y) * 2 * Math.PI / 210.0);
        double shade = y / (double) HEIGHT;
        int r = clamp(70 + 18 * u + 10 * w + 40 * shade);
        int gr = clamp(110 + 14 * v + 12 * w + 25 * shade);
        int b = clamp(80 + 10 * u * v + 20 * (1 - shade));
        bg.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    return bg;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static Paint rings(Color a, Color b) {
    BufferedImage tile = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 24; x++) {
        double d = Math.hypot(x - 11.5, y - 11.5);
        tile.setRGB(x, y, ((int) d / 4) % 2 == 0 ? a.getRGB() : b.getRGB());
      }
    }
    return new TexturePaint(tile, new Rectangle(0, 0, 24, 24));
  }

  private static Paint checker(Color a, Color b, int cell) {
    BufferedImage tile = new BufferedImage(2 * cell, 2 * cell, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 2 * cell; y++) {
      for (int x = 0; x < 2 * cell; x++) {
        tile.setRGB(x, y, ((x / cell + y / cell) % 2 == 0 ? a : b).getRGB());
      }
    }
    return new TexturePaint(tile, new Rectangle(0, 0, 2 * cell, 2 * cell));
  }

  private static Paint stripes(Color a, Color b) {
    BufferedImage tile = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        tile.setRGB(x, y, ((x + y) / 4) % 2 == 0 ? a.getRGB() : b.getRGB());
      }
    }
    return new TexturePaint(tile, new Rectangle(0, 0, 16, 16));
  }
}
