package io.masklet.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path tmp;

  @Test
  void fixtureGoldenReadsWithStoredDtypesLazilyAndEagerly() throws IOException {
    Path file = CheckpointLoaderTest.fixture("sam2.1_hiera_micro", "image.safetensors");
    try (NDManager m = NDManager.newBaseManager(); Safetensors.Reader r = Safetensors.open(file)) {
      Safetensors.TensorInfo info = r.info("input.image_u8");
      assertEquals(DataType.UINT8, info.dataType());
      assertEquals(3, info.shape().dimension());
      NDArray image = r.get("input.image_u8", m);
      assertEquals(info.shape(), image.getShape());
      assertEquals(new Shape(1, 32, 16, 16), r.info("backbone.vision_features").shape());
      Map<String, NDArray> all = Safetensors.read(file, m);
      assertEquals(r.keys(), all.keySet());
      assertTrue(all.get("input.image_u8").contentEquals(image));
      assertEquals(DataType.FLOAT32, all.get("box.iou").getDataType());
    }
  }

  @Test
  void writeThenReadRoundTripsEveryDtype() throws IOException {
    Path file = tmp.resolve("sub/all.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> in = new LinkedHashMap<>();
      in.put("f32", m.create(new float[] {1.25f, -2f, 3f, 4f}, new Shape(2, 2)));
      in.put("f16", m.create(new float[] {0.5f, 1024f}).toType(DataType.FLOAT16, false));
      in.put("u8", m.create(new byte[] {0, (byte) 255, 7}).toType(DataType.UINT8, false));
      in.put("i64", m.create(new long[] {Long.MIN_VALUE, 42}));
      in.put("scalar", m.create(new float[] {9f}, new Shape()));
      in.put("empty", m.create(new float[0], new Shape(0, 3)));
      Safetensors.write(file, in);
      Map<String, NDArray> out = Safetensors.read(file, m);
      assertEquals(in.keySet(), out.keySet());
      for (String k : in.keySet()) {
        assertEquals(in.get(k).getDataType(), out.get(k).getDataType(), k);
        assertEquals(in.get(k).getShape(), out.get(k).getShape(), k);
        assertTrue(in.get(k).contentEquals(out.get(k)), k);
      }
      assertArrayEquals(new long[] {Long.MIN_VALUE, 42}, out.get("i64").toLongArray());
      try (var files = Files.list(file.getParent())) {
        assertEquals(1, files.count(), "no temp file left behind");
      }
    }
  }

  @Test
  void bfloat16TensorsAreWidenedExactlyToFloat32() throws IOException {
    String header = "{\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]}}";
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + header.length() + 6)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    float[] values = {1.5f, -0x1.5p100f, 0.0078125f}; // exactly representable in bfloat16
    for (float v : values) {
      buf.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
    }
    Path file = tmp.resolve("bf16.safetensors");
    Files.write(file, buf.array());
    try (NDManager m = NDManager.newBaseManager(); Safetensors.Reader r = Safetensors.open(file)) {
      assertEquals(DataType.BFLOAT16, r.info("b").dataType());
      NDArray b = r.get("b", m);
      assertEquals(DataType.FLOAT32, b.getDataType());
      assertArrayEquals(values, b.toFloatArray());
    }
  }

  @Test
  void missingKeyNamesFileAndKey() throws IOException {
    Path file = tmp.resolve("one.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Safetensors.write(file, Map.of("a", m.create(new float[] {1f})));
      try (Safetensors.Reader r = Safetensors.open(file)) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> r.get("b", m));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'b'"), e.getMessage());
      }
    }
  }
}
