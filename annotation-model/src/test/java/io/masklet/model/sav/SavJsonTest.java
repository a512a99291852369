package io.masklet.model.sav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.masklet.model.io.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SA-V file {@code ../shared/data/sav/sav_000001_manual.json}. */
class SavJsonTest {
  @TempDir Path dir;

  static Path savFile() {
    String shared = System.getProperty("masklet.shared");
    assumeTrue(shared != null, "system property masklet.shared not set");
    Path p = Path.of(shared, "data", "sav", "sav_000001_manual.json");
    assumeTrue(Files.isRegularFile(p), "SA-V sample missing: " + p);
    return p;
  }

  @Test
  void readsTheReleaseSchema() throws Exception {
    SavVideo v = SavJson.read(savFile());
    assertEquals("sav_000001", v.videoId());
    assertEquals(483, v.videoFrameCount());
    assertEquals(848, v.videoHeight());
    assertEquals(480, v.videoWidth());
    assertEquals(121, v.frames().size());
    assertEquals(5, v.masklets().size());
    assertEquals(113, v.masklets().get(3).firstAppearedFrame());
    assertEquals("manual", v.masklets().get(0).type());
    assertNull(v.masklets().get(0).stabilityScores());
  }

  @Test
  void readWriteReadGivesEqualContentAndIdenticalBytes() throws Exception {
    Path src = savFile();
    SavVideo v = SavJson.read(src);
    Path out = dir.resolve("copy.json");
    SavJson.write(v, out);
    assertEquals(v, SavJson.read(out));
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out));
  }

  @Test
  void recomputedStatisticsEqualTheStoredValues() throws Exception {
    SavVideo v = SavJson.read(savFile());
    for (int i = 0; i < v.masklets().size(); i++) {
      SavMasklet stored = v.masklets().get(i);
      SavStats s = v.stats(i);
      String m = "masklet " + i;
      assertEquals(stored.sizeAbs(), s.sizeAbs(), 0.0, m + " size_abs");
      assertEquals(stored.sizeRel(), s.sizeRel(), 0.0, m + " size_rel");
      assertEquals(stored.sizeBucket(), s.sizeBucket(), m + " bucket");
      assertEquals(stored.firstAppearedFrame(), s.firstAppearedFrame(), m + " first appeared");
      assertEquals(stored.visibilityChanges(), s.visibilityChanges(), m + " visibility changes");
      assertEquals(stored.frameCount(), s.frameCount(), m + " frame count");
      assertEquals(stored, stored.withStats(s), m);
    }
  }

  @Test
  void bucketBoundariesAndRoundingFollowTheReadme() {
    assertEquals("small", SavStats.bucket(1023.9));
    assertEquals("medium", SavStats.bucket(1024));
    assertEquals("large", SavStats.bucket(9216));
    assertEquals(0.1234567891, SavStats.round10(0.12345678914999), 0.0);
  }

  @Test
  void visibilityChangesStartCountingAfterTheFirstAppearance() {
    io.masklet.model.rle.Rle e = io.masklet.model.rle.Rle.empty(2, 2);
    io.masklet.model.rle.Rle one = new io.masklet.model.rle.Rle(2, 2, new int[] {1, 1, 2});
    io.masklet.model.rle.Rle two = new io.masklet.model.rle.Rle(2, 2, new int[] {0, 2, 2});
    // invisible, invisible, visible (first), invisible, visible, visible
    var frames = java.util.List.of(java.util.List.of(e), java.util.List.of(e), java.util.List.of(one),
        java.util.List.of(e), java.util.List.of(two), java.util.List.of(two));
    SavStats s = SavStats.of(frames, 0, 2, 2);
    assertEquals(2, s.firstAppearedFrame());
    assertEquals(2, s.visibilityChanges());
    assertEquals(SavStats.round10(5.0 / 3), s.sizeAbs(), 0.0);
    assertEquals(SavStats.round10(5.0 / 3 / 4), s.sizeRel(), 0.0);
    assertEquals(6, s.frameCount());
  }

  @Test
  void projectConversionKeepsMasksAndStatistics() throws Exception {
    SavVideo v = SavJson.read(savFile());
    var project = SavConversion.toProject(v, "sav_000001.mp4");
    assertEquals(483, project.source().frameCount());
    assertEquals(24.0, project.source().fps(), 1e-9);
    assertEquals(v.masksOf(2).get(7), project.masklet(3).at(28).rle(), "masklet 2 is object 3");
    assertEquals(1, project.objects().get(0).id(), "objects count from 1, masklets from 0");
    SavVideo back = SavConversion.fromProject(project, "sav_000001");
    assertEquals(v.frames(), back.frames());
    assertEquals(v.masklets().stream().map(m -> m.id()).toList(),
        back.masklets().stream().map(m -> m.id()).toList(), "the file's own masklet ids");
    for (int i = 0; i < 5; i++) {
      SavMasklet a = v.masklets().get(i), b = back.masklets().get(i);
      assertEquals(a.withStats(v.stats(i)).sizeAbs(), b.sizeAbs(), 0.0);
      assertEquals(a.firstAppearedFrame(), b.firstAppearedFrame());
      assertEquals(a.visibilityChanges(), b.visibilityChanges());
      assertEquals(a.id(), b.id());
    }
  }

  private FormatException readBroken(String from, String to) throws Exception {
    String text = Files.readString(savFile());
    assertTrue(text.contains(from));
    Path f = dir.resolve("broken.json");
    Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)));
    return assertThrows(FormatException.class, () -> SavJson.read(f));
  }

  @Test
  void corruptFilesGiveSpecificErrors() throws Exception {
    FormatException counts = readBroken("\"counts\": \"P`]<\"", "\"counts\": \"P`]<~\"");
    assertTrue(counts.getMessage().contains("masklet[0][3].counts: RLE counts string has invalid char '~'"),
        counts.getMessage());
    FormatException size = readBroken("{\"size\": [848, 480], \"counts\": \"P`]<\"}",
        "{\"size\": [848, 481], \"counts\": \"P`]<\"}");
    assertTrue(size.getMessage().contains("masklet[0][3].counts: RLE counts sum to 407040 but size [848, 481]"),
        size.getMessage());
    FormatException num = readBroken("\"masklet_num\": 5", "\"masklet_num\": 4");
    assertTrue(num.getMessage().contains("masklet[0]: has 5 masks but masklet_num is 4"), num.getMessage());
    Path cut = dir.resolve("cut.json");
    byte[] all = Files.readAllBytes(savFile());
    Files.write(cut, java.util.Arrays.copyOf(all, 5000));
    FormatException trunc = assertThrows(FormatException.class, () -> SavJson.read(cut));
    assertTrue(trunc.getMessage().contains("cut.json: line 1, column"), trunc.getMessage());
  }

  @Test
  void aDuplicatedOrNegativeMaskletIdIsAnErrorNamingTheFileAndTheId() throws Exception {
    // two masklets with id 1 would silently become one object with two mask tracks
    FormatException twice = readBroken("\"masklet_id\": [0, 1, 2, 3, 4]",
        "\"masklet_id\": [0, 1, 2, 1, 4]");
    assertTrue(twice.getMessage().contains("broken.json: masklet_id[3]: masklet id 1 is used twice "
        + "(also masklet_id[1])"), twice.getMessage());
    FormatException negative = readBroken("\"masklet_id\": [0, 1, 2, 3, 4]",
        "\"masklet_id\": [0, 1, -2, 3, 4]");
    assertTrue(negative.getMessage().contains("broken.json: masklet_id[2]: object id must be >= 0, "
        + "got -2"), negative.getMessage());
  }

  @Test
  void aNegativeDurationIsAnErrorNamingTheField() throws Exception {
    // a project keeps the duration and derives its fps from it
    FormatException e = readBroken("\"video_duration\": 20.125", "\"video_duration\": -20.125");
    assertTrue(e.getMessage().contains("broken.json: video_duration: must be >= 0, got -20.125"),
        e.getMessage());
  }
}
