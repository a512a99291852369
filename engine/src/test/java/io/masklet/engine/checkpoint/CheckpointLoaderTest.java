package io.masklet.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLoaderTest {
  @TempDir Path tmp;

  static Path shared() {
    String dir = System.getProperty("masklet.shared");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
        "shared data directory (../shared) is absent");
    return Path.of(dir);
  }

  static Path fixture(String name, String file) {
    Path p = shared().resolve("fixtures").resolve(name).resolve(file);
    Assumptions.assumeTrue(Files.isRegularFile(p), p + " is absent");
    return p;
  }

  /** Keys and shapes of one config in reference/state_dict_shapes.json ({config: {key: shape}}). */
  static Map<String, Shape> referenceShapes(String config) throws IOException {
    JsonNode all = new ObjectMapper().readTree(shared().resolve("reference/state_dict_shapes.json").toFile());
    Map<String, Shape> out = new LinkedHashMap<>();
    all.get(config).fields().forEachRemaining(e -> {
      long[] dims = new long[e.getValue().size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = e.getValue().get(i).asLong();
      }
      out.put(e.getKey(), new Shape(dims));
    });
    return out;
  }

  static void assertShapes(Map<String, Shape> expected, StateDict sd) {
    assertEquals(expected.keySet(), sd.keys(), "key set of " + sd.source());
    expected.forEach((k, s) -> assertEquals(s, sd.shape(k), "shape of " + k));
  }

  static byte[] zipEntry(Path zip, String name) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(name))) {
      return in.readAllBytes();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"sam2.1_hiera_micro", "sam2.1_hiera_micro_occluded"})
  void microFloat32CheckpointHasReferenceKeysShapesAndRawValues(String fixtureName) throws IOException {
    Path pt = fixture(fixtureName, "checkpoint.pt");
    try (StateDict sd = CheckpointLoader.load(pt)) {
      assertShapes(referenceShapes("sam2.1_hiera_micro"), sd);
      sd.keys().forEach(k -> assertEquals(DataType.FLOAT32, sd.get(k).getDataType(), k));
      // maskmem_tpos_enc is storage 0 (first in the pickle): compare with the raw bytes
      ByteBuffer raw = ByteBuffer.wrap(zipEntry(pt, "checkpoint/data/0")).order(ByteOrder.LITTLE_ENDIAN);
      float[] expected = new float[raw.remaining() / 4];
      raw.asFloatBuffer().get(expected);
      assertArrayEquals(expected, sd.get("maskmem_tpos_enc").toFloatArray());
    }
  }

  @Test
  void tinyFloat16CheckpointLoadsExactlyIntoFloat32AndMatchesSafetensorsCopy() throws IOException {
    Path pt = fixture("sam2.1_hiera_t", "checkpoint.pt");
    Path copy = tmp.resolve("tiny_f16.safetensors");
    try (StateDict sd = CheckpointLoader.load(pt)) {
      assertShapes(referenceShapes("sam2.1_hiera_t"), sd);
      // storage 0 holds maskmem_tpos_enc as half floats: the float32 values are exactly those
      byte[] raw = zipEntry(pt, "checkpoint/data/0");
      ByteBuffer halves = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      float[] expected = new float[raw.length / 2];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = Float.float16ToFloat(halves.getShort());
      }
      assertArrayEquals(expected, sd.get("maskmem_tpos_enc").toFloatArray());
      // every weight survives float32 -> float16 unchanged, and the half copy round-trips
      try (NDManager m = NDManager.newBaseManager()) {
        Map<String, NDArray> half = new LinkedHashMap<>();
        for (String k : sd.keys()) {
          NDArray h = sd.get(k).toType(DataType.FLOAT16, true);
          h.attach(m);
          half.put(k, h);
        }
        Safetensors.write(copy, half);
      }
      try (StateDict back = CheckpointLoader.load(copy)) {
        assertEquals(sd.keys(), back.keys());
        for (String k : sd.keys()) {
          assertEquals(DataType.FLOAT32, back.get(k).getDataType(), k);
          assertTrue(sd.get(k).contentEquals(back.get(k)), "float16 round trip changed " + k);
        }
      }
    }
  }

  @Test
  void float32SafetensorsCopyOfMicroEqualsThePtCheckpoint() throws IOException {
    Path pt = fixture("sam2.1_hiera_micro", "checkpoint.pt");
    Path copy = tmp.resolve("micro.safetensors");
    try (StateDict sd = CheckpointLoader.load(pt)) {
      Safetensors.write(copy, sd);
      try (Safetensors.Reader r = Safetensors.open(copy)) {
        assertEquals(Map.of("format", "pt"), r.metadata());
        assertEquals(sd.keys(), r.keys());
      }
      assertEquals(CheckpointLoader.Format.SAFETENSORS, CheckpointLoader.detect(copy));
      try (StateDict back = CheckpointLoader.load(copy)) {
        for (String k : sd.keys()) {
          assertTrue(sd.get(k).contentEquals(back.get(k)), k);
        }
      }
    }
  }

  @Test
  void bfloat16HalfAndSharedStridedStoragesDecodeLikeTorch() throws IOException {
    // storage "a": 6 floats 0..5 viewed as [2,3] (contiguous) and as its transpose [3,2]
    // (strides (1,3)), plus a [2] slice at offset 4; "h": half; "b": bfloat16
    ByteBuffer a = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      a.putFloat(i);
    }
    ByteBuffer h = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {0.5f, -2f, 65504f}) {
      h.putShort(Float.floatToFloat16(v));
    }
    ByteBuffer b = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {1.5f, -0x1.5p100f, 0.0078125f}) {
      b.putShort((short) (Float.floatToRawIntBits(v) >>> 16)); // these are exact in bfloat16
    }
    Path file = tmp.resolve("fake.pt");
    new FakeTorchCheckpoint()
        .storage("a", a.array()).storage("h", h.array()).storage("b", b.array())
        .tensor("w", "a", "FloatStorage", 6, 0, new long[] {2, 3}, new long[] {3, 1})
        .tensor("w_t", "a", "FloatStorage", 6, 0, new long[] {3, 2}, new long[] {1, 3})
        .tensor("tail", "a", "FloatStorage", 6, 4, new long[] {2}, new long[] {1})
        .tensor("half", "h", "HalfStorage", 3, 0, new long[] {3}, new long[] {1})
        .tensor("bf", "b", "BFloat16Storage", 3, 0, new long[] {1, 3}, new long[] {3, 1})
        .write(file);
    try (StateDict sd = CheckpointLoader.load(file)) {
      assertEquals(java.util.List.of("w", "w_t", "tail", "half", "bf"), java.util.List.copyOf(sd.keys()));
      assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, sd.get("w").toFloatArray());
      assertEquals(new Shape(3, 2), sd.shape("w_t"));
      assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, sd.get("w_t").toFloatArray());
      assertArrayEquals(new float[] {4, 5}, sd.get("tail").toFloatArray());
      assertArrayEquals(new float[] {0.5f, -2f, 65504f}, sd.get("half").toFloatArray());
      assertEquals(new Shape(1, 3), sd.shape("bf"));
      assertArrayEquals(new float[] {1.5f, -0x1.5p100f, 0.0078125f}, sd.get("bf").toFloatArray());
    }
  }

  @Test
  void bareStateDictWithoutModelWrapperLoads() throws IOException {
    ByteBuffer a = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(7f).putFloat(-1f);
    Path file = tmp.resolve("bare.pt");
    new FakeTorchCheckpoint().bare().storage("0", a.array())
        .tensor("x.weight", "0", "FloatStorage", 2, 0, new long[] {2}, new long[] {1}).write(file);
    try (StateDict sd = CheckpointLoader.load(file)) {
      assertArrayEquals(new float[] {7f, -1f}, sd.get("x.weight").toFloatArray());
    }
  }

  @Test
  void truncatedZipIsRejectedNamingTheFile() throws IOException {
    Path pt = fixture("sam2.1_hiera_micro", "checkpoint.pt");
    byte[] all = Files.readAllBytes(pt);
    Path cut = tmp.resolve("cut.pt");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(cut));
    assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void missingStorageIsRejectedNamingEntryAndTensor() throws IOException {
    Path file = tmp.resolve("missing.pt");
    new FakeTorchCheckpoint()
        .tensor("conv.weight", "5", "FloatStorage", 2, 0, new long[] {2}, new long[] {1}).write(file);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(file));
    assertTrue(e.getMessage().contains("archive/data/5") && e.getMessage().contains("conv.weight")
        && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void viewsOutsideTheirStorageOrWithNegativeStridesAreRejected() throws IOException {
    Path outside = tmp.resolve("outside.pt");
    new FakeTorchCheckpoint().storage("0", new byte[8])
        .tensor("w", "0", "FloatStorage", 2, 1, new long[] {2}, new long[] {1}).write(outside);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(outside));
    assertTrue(e.getMessage().contains("tensor 'w' reaches element 2 of storage 0 which has 2"), e.getMessage());
    Path negative = tmp.resolve("negative.pt");
    new FakeTorchCheckpoint().storage("0", new byte[8])
        .tensor("w", "0", "FloatStorage", 2, 1, new long[] {2}, new long[] {-1}).write(negative);
    CheckpointFormatException n = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(negative));
    assertTrue(n.getMessage().contains("tensor 'w' has a negative"), n.getMessage());
  }

  @Test
  void shortStorageIsRejected() throws IOException {
    Path file = tmp.resolve("short.pt");
    new FakeTorchCheckpoint().storage("0", new byte[4])
        .tensor("w", "0", "FloatStorage", 2, 0, new long[] {2}, new long[] {1}).write(file);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(file));
    assertTrue(e.getMessage().contains("has 4 bytes but tensor 'w' needs 8"), e.getMessage());
  }

  @Test
  void forbiddenGlobalInPickleIsRejectedBeforeAnythingRuns() throws IOException {
    // the classic exploit: os.system("...") via GLOBAL + REDUCE
    byte[] evil = new FakeTorchCheckpoint.Pickle().op(0x80).op(2).global("os", "system")
        .op('(').str("touch /tmp/pwned").op('t').op('R').op('.').bytes();
    Path file = tmp.resolve("evil.pt");
    FakeTorchCheckpoint.writeZip(file, evil, Map.of());
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(file));
    assertTrue(e.getMessage().contains("forbidden global 'os.system'") && e.getMessage().contains(file.toString()),
        e.getMessage());
  }

  @Test
  void globalsAllowedByThePickleLibraryButNotByTorchAreRejectedToo() throws IOException {
    // razorvine maps builtins like __builtin__.bytearray to Java objects; a weights-only load must not
    byte[] pkl = new FakeTorchCheckpoint.Pickle().op(0x80).op(2).global("__builtin__", "bytearray")
        .op(')').op('R').op('.').bytes();
    Path file = tmp.resolve("builtin.pt");
    FakeTorchCheckpoint.writeZip(file, pkl, Map.of());
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(file));
    assertTrue(e.getMessage().contains("'__builtin__.bytearray'"), e.getMessage());
  }

  @Test
  void unsupportedTorchStorageDtypeIsNamed() throws IOException {
    Path file = tmp.resolve("complex.pt");
    new FakeTorchCheckpoint().storage("0", new byte[16])
        .tensor("z", "0", "ComplexFloatStorage", 2, 0, new long[] {2}, new long[] {1}).write(file);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(file));
    assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("unsupported dtype torch.ComplexFloatStorage"),
        e.getMessage());
  }

  @Test
  void unknownSafetensorsDtypeIsNamed() throws IOException {
    String header = "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}";
    ByteBuffer buf = ByteBuffer.allocate(8 + header.length() + 2).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(new byte[2]);
    Path file = tmp.resolve("f8.safetensors");
    Files.write(file, buf.array());
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointLoader.load(file));
    assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("unsupported dtype 'F8_E4M3'"),
        e.getMessage());
  }

  @Test
  void truncatedSafetensorsIsRejected() throws IOException {
    Path src = fixture("sam2.1_hiera_micro", "image.safetensors");
    byte[] all = Files.readAllBytes(src);
    Path cut = tmp.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.open(cut).close());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }
}
