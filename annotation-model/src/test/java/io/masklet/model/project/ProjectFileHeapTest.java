package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.rle.Rle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a project needs little more heap than the project itself: the file is read as a
 * stream, not as one JSON tree. The tree of a frame's mask took about 700 bytes beside the 200
 * of the mask it gave (for the small masks here; for a long video's, 1 kB beside 1.2), and the
 * whole tree and the project were alive together at the end. So the load runs in a child JVM
 * with a small {@code -Xmx}: the bytes a load allocates tell the two readers apart no more
 * than by a few percent, as the stream reader builds the same small trees, one at a time.
 */
class ProjectFileHeapTest {
  private static final int OBJECTS = 20;
  private static final int FRAMES = 2000;
  /**
   * Measured for the 40,000 masks below (6.5 MB of file): the streaming reader loads them with
   * -Xmx12m, the whole-tree reader needed 38-40m (serial and G1 collectors alike). 24m is twice
   * the first and well short of the second.
   */
  private static final String HEAP = "-Xmx24m";

  @TempDir Path dir;

  @Test
  void aProjectOfManyMasksLoadsInAHeapLittleLargerThanTheProject() throws Exception {
    Path file = dir.resolve("long.masklet.json");
    ProjectFile.save(manyMasks(), file);
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Load.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ends");
    assertEquals(0, child.exitValue(), "loading in " + HEAP + ": " + out);
    assertEquals(OBJECTS * FRAMES + " masks", out.strip());
  }

  /** Masks of 20 runs each: the smaller the mask, the more its tree outweighs it. */
  private static Project manyMasks() {
    int w = 64;
    int h = 48;
    MediaSource src = new MediaSource(MediaSource.Kind.VIDEO, "long.mp4", FRAMES, 25, w, h);
    List<TrackedObject> objects = new ArrayList<>();
    List<Masklet> masklets = new ArrayList<>();
    for (int o = 1; o <= OBJECTS; o++) {
      objects.add(new TrackedObject(o, "object " + o, TrackedObject.defaultColor(o)));
      TreeMap<Integer, FrameMask> frames = new TreeMap<>();
      for (int f = 0; f < FRAMES; f++) {
        int[] counts = new int[20];
        int left = w * h;
        for (int i = 0; i < counts.length - 1; i++) {
          counts[i] = 1 + (i * 7 + f + o) % 5;
          left -= counts[i];
        }
        counts[counts.length - 1] = left;
        frames.put(f, new FrameMask(new Rle(h, w, counts), Provenance.PROPAGATED, 1.5));
      }
      masklets.add(new Masklet(o, frames));
    }
    return new Project(src, objects, masklets, List.of(), List.of());
  }

  /** The child JVM: loads the project file given and prints how many masks it has. */
  public static final class Load {
    public static void main(String[] args) throws Exception {
      Project p = ProjectFile.load(Path.of(args[0]));
      System.out.println(p.masklets().stream().mapToInt(m -> m.frames().size()).sum() + " masks");
    }
  }
}
