package io.masklet.engine.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The safetensors format: a little-endian u64 header length, a JSON header mapping each name to
 * {@code {dtype, shape, data_offsets}} (plus optional {@code __metadata__}), then the raw
 * little-endian bytes. Used for weights (same key names as the official {@code .pt}) and for the
 * golden fixture files.
 *
 * <pre>{@code
 * Map<String, NDArray> all = Safetensors.read(path, manager);       // everything, stored dtypes
 * try (Safetensors.Reader r = Safetensors.open(path)) {              // lazy, one key at a time
 *   NDArray logits = r.get("one_point.low_res_logits", manager);
 * }
 * Safetensors.write(path, tensors);                                  // atomic
 * }</pre>
 */
public final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;
  private static final String METADATA = "__metadata__";

  private static final Map<String, DataType> DTYPES = Map.ofEntries(
      Map.entry("F64", DataType.FLOAT64),
      Map.entry("F32", DataType.FLOAT32),
      Map.entry("F16", DataType.FLOAT16),
      Map.entry("BF16", DataType.BFLOAT16),
      Map.entry("I64", DataType.INT64),
      Map.entry("I32", DataType.INT32),
      Map.entry("I16", DataType.INT16),
      Map.entry("I8", DataType.INT8),
      Map.entry("U8", DataType.UINT8),
      Map.entry("BOOL", DataType.BOOLEAN));

  private Safetensors() {}

  /** Name, element type, shape and byte range (relative to the data section) of one tensor. */
  public record TensorInfo(String name, DataType dataType, Shape shape, long begin, long end) {}

  /** Reads every tensor of {@code file} with its stored dtype into arrays owned by {@code manager}. */
  public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    try (Reader reader = open(file)) {
      Map<String, NDArray> out = new LinkedHashMap<>();
      for (String key : reader.keys()) {
        out.put(key, reader.get(key, manager));
      }
      return out;
    }
  }

  /** Opens {@code file} and parses its header; tensors are read on demand. */
  public static Reader open(Path file) throws IOException {
    return new Reader(file);
  }

  /** Writes {@code tensors} (in map order) atomically: a temp file next to {@code file}, then a rename. */
  public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
    write(file, tensors, Map.of());
  }

  /** Writes every tensor of {@code stateDict} (e.g. to convert a {@code .pt} checkpoint), atomically. */
  public static void write(Path file, StateDict stateDict) throws IOException {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    for (String key : stateDict.keys()) {
      tensors.put(key, stateDict.get(key));
    }
    write(file, tensors, Map.of("format", "pt"));
  }

  public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject(METADATA);
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
      if (e.getKey().equals(METADATA)) {
        throw new IllegalArgumentException("'" + METADATA + "' is reserved and cannot name a tensor");
      }
      NDArray a = e.getValue();
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", dtypeName(a.getDataType(), e.getKey()));
      var shape = t.putArray("shape");
      for (long d : a.getShape().getShape()) {
        shape.add(d);
      }
      long bytes = a.getShape().size() * a.getDataType().getNumOfBytes();
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
    ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp);
          WritableByteChannel ch = Channels.newChannel(os)) {
        ch.write(prefix.flip());
        for (NDArray a : tensors.values()) {
          ByteBuffer data = a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("safetensors writing needs a little-endian host");
          }
          while (data.hasRemaining()) {
            ch.write(data);
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String dtypeName(DataType type, String key) {
    return DTYPES.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new IllegalArgumentException(
            "tensor '" + key + "' has dtype " + type + " which safetensors cannot store"));
  }

  /** An open safetensors file: header parsed, tensors read one at a time. */
  public static final class Reader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> infos;
    private final Map<String, String> metadata;

    private Reader(Path file) throws IOException {
      this.file = file;
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        long size = channel.size();
        if (size < 8) {
          throw error("file of " + size + " bytes is too short for a safetensors header");
        }
        ByteBuffer len = readFully(0, 8).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = len.getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
          throw error("invalid header length " + headerLength + " (file has " + size + " bytes)");
        }
        ByteBuffer headerBytes = readFully(8, (int) headerLength);
        byte[] json = new byte[(int) headerLength];
        headerBytes.get(json);
        JsonNode header;
        try {
          header = JSON.readTree(json);
        } catch (JsonProcessingException e) {
          throw error("header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
          throw error("header is not a JSON object");
        }
        this.dataStart = 8 + headerLength;
        Map<String, TensorInfo> parsed = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().equals(METADATA)) {
            e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
            continue;
          }
          parsed.put(e.getKey(), parseInfo(e.getKey(), e.getValue(), size - dataStart));
        }
        this.infos = Collections.unmodifiableMap(parsed);
        this.metadata = Collections.unmodifiableMap(meta);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    private TensorInfo parseInfo(String key, JsonNode node, long dataSize) throws CheckpointFormatException {
      JsonNode dtype = node.get("dtype");
      JsonNode shape = node.get("shape");
      JsonNode offsets = node.get("data_offsets");
      if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
          || !offsets.isArray() || offsets.size() != 2) {
        throw error("tensor '" + key + "' lacks dtype/shape/data_offsets in the header");
      }
      DataType type = DTYPES.get(dtype.asText());
      if (type == null) {
        throw error("tensor '" + key + "' has unsupported dtype '" + dtype.asText() + "' (supported: "
            + new java.util.TreeSet<>(DTYPES.keySet()) + ")");
      }
      long[] dims = new long[shape.size()];
      for (int i = 0; i < dims.length; i++) {
        if (!shape.get(i).canConvertToLong() || shape.get(i).asLong() < 0) {
          throw error("tensor '" + key + "' has an invalid shape " + shape);
        }
        dims[i] = shape.get(i).asLong();
      }
      Shape s = new Shape(dims);
      long begin = offsets.get(0).asLong();
      long end = offsets.get(1).asLong();
      long expected = s.size() * type.getNumOfBytes();
      if (begin < 0 || end < begin || end - begin != expected) {
        throw error("tensor '" + key + "' has data_offsets [" + begin + ", " + end + "] but " + dtype.asText()
            + s + " needs " + expected + " bytes");
      }
      if (end > dataSize) {
        throw error("tensor '" + key + "' ends at byte " + end + " but the data section has only " + dataSize
            + " (truncated file?)");
      }
      return new TensorInfo(key, type, s, begin, end);
    }

    public Path file() {
      return file;
    }

    /** Tensor names in header order. */
    public Set<String> keys() {
      return infos.keySet();
    }

    public boolean contains(String key) {
      return infos.containsKey(key);
    }

    /** Header entry of {@code key}; error naming the file if absent. */
    public TensorInfo info(String key) throws CheckpointFormatException {
      TensorInfo info = infos.get(key);
      if (info == null) {
        throw error("no tensor '" + key + "'");
      }
      return info;
    }

    /** The {@code __metadata__} strings (empty if none). */
    public Map<String, String> metadata() {
      return metadata;
    }

    /**
     * Reads tensor {@code key} with its stored dtype into an array owned by {@code manager};
     * BF16 is returned widened (exactly) to float32, a type DJL's PyTorch engine cannot hold.
     */
    public NDArray get(String key, NDManager manager) throws IOException {
      TensorInfo info = info(key);
      long length = info.end() - info.begin();
      if (length > Integer.MAX_VALUE) {
        throw error("tensor '" + key + "' is larger than 2 GiB");
      }
      ByteBuffer data = ByteBuffer.allocateDirect((int) length).order(ByteOrder.nativeOrder());
      readInto(dataStart + info.begin(), data);
      data.flip();
      if (info.dataType() == DataType.BFLOAT16) {
        return manager.create(Bfloat16.widen(data), info.shape(), DataType.FLOAT32);
      }
      return manager.create(data, info.shape(), info.dataType());
    }

    private ByteBuffer readFully(long position, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      readInto(position, buffer);
      return buffer.flip();
    }

    private void readInto(long position, ByteBuffer buffer) throws IOException {
      long pos = position;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, pos);
        if (n < 0) {
          throw error("unexpected end of file at byte " + pos + " (truncated file?)");
        }
        pos += n;
      }
    }

    private CheckpointFormatException error(String message) {
      return new CheckpointFormatException(file + ": " + message);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
