import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the Masklet Studio icon (a mask blob over a dark tile, with a click point) and writes
 * masklet.png (256 px, Linux) and masklet.ico (16/32/48/256 px PNG entries, Windows).
 * Run from this directory: {@code java MakeIcons.java}. The outputs are committed.
 */
public class MakeIcons {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Files.write(dir.resolve("masklet.png"), png(draw(256)));
    List<byte[]> entries = new ArrayList<>();
    int[] sizes = {16, 32, 48, 256};
    for (int s : sizes) {
      entries.add(png(draw(s)));
    }
    Files.write(dir.resolve("masklet.ico"), ico(sizes, entries));
  }

  static BufferedImage draw(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.scale(size / 256.0, size / 256.0);
    g.setPaint(new GradientPaint(0, 0, new Color(0x24, 0x2B, 0x3A), 0, 256, new Color(0x12, 0x16, 0x20)));
    g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
    // The mask: an organic blob, semi-transparent like an overlay, with a solid outline.
    Path2D blob = new Path2D.Double();
    blob.moveTo(60, 150);
    blob.curveTo(40, 90, 100, 46, 150, 60);
    blob.curveTo(210, 74, 222, 140, 196, 178);
    blob.curveTo(170, 216, 80, 214, 60, 150);
    blob.closePath();
    g.setColor(new Color(0xFF, 0x6B, 0x3D, 170));
    g.fill(blob);
    g.setColor(new Color(0xFF, 0x9A, 0x6E));
    g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(blob);
    // The click that produced it.
    g.setColor(new Color(0x3D, 0xDC, 0x84));
    g.fill(new Ellipse2D.Double(112, 104, 40, 40));
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(7));
    g.draw(new Ellipse2D.Double(112, 104, 40, 40));
    g.dispose();
    return img;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** An ICO container with PNG-compressed entries (supported since Windows Vista). */
  static byte[] ico(int[] sizes, List<byte[]> pngs) {
    int header = 6 + 16 * sizes.length;
    int total = header + pngs.stream().mapToInt(b -> b.length).sum();
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
    int offset = header;
    for (int i = 0; i < sizes.length; i++) {
      int s = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256 in an ICO directory entry
      b.put((byte) s).put((byte) s).put((byte) 0).put((byte) 0);
      b.putShort((short) 1).putShort((short) 32);
      b.putInt(pngs.get(i).length).putInt(offset);
      offset += pngs.get(i).length;
    }
    for (byte[] p : pngs) {
      b.put(p);
    }
    return b.array();
  }
}
