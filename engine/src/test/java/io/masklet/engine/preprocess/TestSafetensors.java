package io.masklet.engine.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test-only reader of uint8 tensors in a safetensors file (u64 LE header length, JSON header,
 * raw data). To be replaced by the engine's checkpoint reader once it is on main.
 */
final class TestSafetensors {
  private TestSafetensors() {}

  record U8Tensor(long[] shape, byte[] data) {}

  static U8Tensor readU8(Path file, String key) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long headerLen = len.flip().getLong();
      ByteBuffer header = ByteBuffer.allocate((int) headerLen);
      readFully(ch, header, 8);
      JsonNode entry = new ObjectMapper().readTree(header.array()).get(key);
      if (entry == null) {
        throw new IOException("no tensor " + key + " in " + file);
      }
      if (!"U8".equals(entry.get("dtype").asText())) {
        throw new IOException(key + " in " + file + " is " + entry.get("dtype") + ", not U8");
      }
      long[] shape = new long[entry.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = entry.get("shape").get(i).asLong();
      }
      long begin = entry.get("data_offsets").get(0).asLong();
      long end = entry.get("data_offsets").get(1).asLong();
      ByteBuffer data = ByteBuffer.allocate((int) (end - begin));
      readFully(ch, data, 8 + headerLen + begin);
      return new U8Tensor(shape, data.array());
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, position + buf.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }
}
