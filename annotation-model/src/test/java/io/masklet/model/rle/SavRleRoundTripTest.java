package io.masklet.model.rle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every mask of the real SA-V annotation file survives string → runs → pixels → runs → string. */
class SavRleRoundTripTest {

  static Path savFile() {
    String shared = System.getProperty("masklet.shared");
    assumeTrue(shared != null, "system property masklet.shared not set");
    Path p = Path.of(shared, "data", "sav", "sav_000001_manual.json");
    assumeTrue(Files.isRegularFile(p), "SA-V sample missing: " + p);
    return p;
  }

  @Test
  void everySavRleDecodesAndReencodesToTheIdenticalString() throws Exception {
    JsonNode root = new ObjectMapper().readTree(savFile().toFile());
    int n = 0;
    for (JsonNode frame : root.get("masklet")) {
      for (JsonNode m : frame) {
        int h = m.get("size").get(0).asInt(), w = m.get("size").get(1).asInt();
        String s = m.get("counts").asText();
        Rle rle = Rle.fromString(h, w, s);
        assertEquals(s, rle.toCompressedString(), "string round trip, mask " + n);
        Rle again = Rle.encode(rle.decode(), h, w);
        assertEquals(s, again.toCompressedString(), "pixel round trip, mask " + n);
        n++;
      }
    }
    assertEquals(121 * 5, n);
  }
}
