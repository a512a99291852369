package io.masklet.engine.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * Reads a checkpoint written by {@code torch.save} (the zip format of PyTorch ≥ 1.6):
 * {@code <prefix>/data.pkl} describes the objects, {@code <prefix>/data/<key>} hold the raw
 * little-endian storages. The pickle is read with {@link SafeUnpickler}; then storages are
 * streamed one at a time from the zip, so peak memory is the loaded weights plus one storage.
 */
final class TorchZipCheckpoint {
  private static final Pattern PICKLE_ENTRY = Pattern.compile("([^/]+)/data\\.pkl");

  private TorchZipCheckpoint() {}

  /** Reads the tensors of {@code file} into arrays owned by {@code manager}; floating types become float32. */
  static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    String source = file.toString();
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new CheckpointFormatException(source + ": not a readable PyTorch zip checkpoint (truncated or"
          + " corrupt zip: " + e.getMessage() + ")", e);
    }
    try (zip) {
      String prefix = findPrefix(zip, source);
      checkByteOrder(zip, prefix, source);
      Map<String, TensorRef> refs = stateDictRefs(unpickle(zip, prefix, source), source);
      return materialize(zip, prefix, refs, source, manager);
    }
  }

  private static String findPrefix(ZipFile zip, String source) throws CheckpointFormatException {
    List<String> prefixes = new ArrayList<>();
    zip.stream().forEach(e -> {
      Matcher m = PICKLE_ENTRY.matcher(e.getName());
      if (m.matches()) {
        prefixes.add(m.group(1));
      }
    });
    if (prefixes.size() != 1) {
      throw new CheckpointFormatException(source + ": expected exactly one '<name>/data.pkl' entry in the zip, found "
          + prefixes.size() + (prefixes.isEmpty() ? " (is this a torch.save checkpoint?)" : " " + prefixes));
    }
    return prefixes.get(0);
  }

  private static void checkByteOrder(ZipFile zip, String prefix, String source) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "/byteorder");
    if (entry == null) {
      return; // older writers omit it; they always wrote little-endian
    }
    try (InputStream in = zip.getInputStream(entry)) {
      String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!order.equals("little")) {
        throw new CheckpointFormatException(source + ": storages are '" + order
            + "'-endian; only little-endian checkpoints are supported");
      }
    }
  }

  private static Object unpickle(ZipFile zip, String prefix, String source) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "/data.pkl");
    try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
      return new SafeUnpickler(source).load(in);
    } catch (PickleException e) {
      throw new CheckpointFormatException(e.getMessage().startsWith(source) ? e.getMessage()
          : source + ": cannot read data.pkl: " + e.getMessage(), e);
    }
  }

  /** The tensors of {@code {"model": state_dict}} or of a bare state dict. */
  private static Map<String, TensorRef> stateDictRefs(Object root, String source)
      throws CheckpointFormatException {
    if (!(root instanceof Map<?, ?> top)) {
      throw new CheckpointFormatException(source + ": data.pkl holds a " + SafeUnpickler.describe(root)
          + ", expected a dict of tensors");
    }
    Map<?, ?> dict = top.get("model") instanceof Map<?, ?> model ? model : top;
    Map<String, TensorRef> refs = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof TensorRef ref)) {
        throw new CheckpointFormatException(source + ": entry '" + e.getKey() + "' of the state dict is a "
            + SafeUnpickler.describe(e.getValue()) + ", not a tensor");
      }
      refs.put(key, ref);
    }
    return refs;
  }

  private static Map<String, NDArray> materialize(ZipFile zip, String prefix, Map<String, TensorRef> refs,
      String source, NDManager manager) throws IOException {
    // group the tensors by storage so that each storage is read once, then dropped
    Map<String, List<Map.Entry<String, TensorRef>>> byStorage = new LinkedHashMap<>();
    for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
      byStorage.computeIfAbsent(e.getValue().storage().key(), k -> new ArrayList<>()).add(e);
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Map.Entry<String, TensorRef>>> group : byStorage.entrySet()) {
      List<Map.Entry<String, TensorRef>> tensors = group.getValue();
      StorageRef storage = tensors.get(0).getValue().storage();
      String firstKey = tensors.get(0).getKey();
      DataType type = storage.type().dataType().orElseThrow(() -> new CheckpointFormatException(source
          + ": tensor '" + firstKey + "' uses unsupported dtype " + storage.type()));
      for (Map.Entry<String, TensorRef> t : tensors) {
        if (t.getValue().storage().type() != storage.type()) {
          throw new CheckpointFormatException(source + ": storage " + storage.key() + " is read as both "
              + storage.type() + " and " + t.getValue().storage().type());
        }
        if (!t.getValue().isWellFormed()) {
          throw new CheckpointFormatException(source + ": tensor '" + t.getKey() + "' has a negative offset, size"
              + " or stride, or a storage with a negative element count");
        }
        if (t.getValue().maxIndex() >= storage.numel()) {
          throw new CheckpointFormatException(source + ": tensor '" + t.getKey() + "' reaches element "
              + t.getValue().maxIndex() + " of storage " + storage.key() + " which has " + storage.numel());
        }
      }
      ByteBuffer bytes = readStorage(zip, prefix, storage, firstKey, source);
      if (type == DataType.BFLOAT16) {
        bytes = Bfloat16.widen(bytes); // see Bfloat16: DJL cannot hold bfloat16 arrays
        type = DataType.FLOAT32;
      }
      if (tensors.size() == 1 && wholeStorage(tensors.get(0).getValue()) && !needsConversion(type)) {
        // common case: the storage is exactly this tensor; the array adopts the buffer as is
        TensorRef ref = tensors.get(0).getValue();
        out.put(tensors.get(0).getKey(), manager.create(bytes, ref.shape(), type));
        continue;
      }
      try (NDManager scratch = manager.newSubManager()) {
        NDArray raw = scratch.create(bytes, new Shape(storage.numel()), type);
        for (Map.Entry<String, TensorRef> t : tensors) {
          NDArray view = view(raw, t.getValue(), scratch);
          // copy=true: the result must not share memory with the scratch storage
          NDArray result = view.toType(targetType(type), true);
          result.attach(manager);
          out.put(t.getKey(), result);
        }
      }
    }
    return out;
  }

  private static boolean wholeStorage(TensorRef ref) {
    return ref.offset() == 0 && ref.isContiguous() && ref.numel() == ref.storage().numel();
  }

  private static boolean needsConversion(DataType type) {
    return targetType(type) != type;
  }

  /** The state dict holds float32 for every floating storage (float16 weights convert exactly). */
  static DataType targetType(DataType stored) {
    return stored.isFloating() ? DataType.FLOAT32 : stored;
  }

  /** The elements of {@code ref} as a tensor of its shape (a view or gather of {@code raw}). */
  private static NDArray view(NDArray raw, TensorRef ref, NDManager scratch) {
    long n = ref.numel();
    if (ref.isContiguous()) {
      // (numel_storage,) -> slice (n,) -> (size...)
      return raw.get(new NDIndex("{}:{}", ref.offset(), ref.offset() + n)).reshape(ref.shape());
    }
    // general strided view: gather element offset + sum_i idx_i * stride_i
    long[] index = new long[Math.toIntExact(n)];
    long[] size = ref.size();
    long[] stride = ref.stride();
    int[] counter = new int[size.length];
    long pos = ref.offset();
    for (int i = 0; i < index.length; i++) {
      index[i] = pos;
      for (int d = size.length - 1; d >= 0; d--) {
        counter[d]++;
        pos += stride[d];
        if (counter[d] < size[d]) {
          break;
        }
        pos -= counter[d] * stride[d];
        counter[d] = 0;
      }
    }
    // (n,) gathered -> (size...)
    return raw.take(scratch.create(index)).reshape(ref.shape());
  }

  private static ByteBuffer readStorage(ZipFile zip, String prefix, StorageRef storage, String tensorKey,
      String source) throws IOException {
    String name = prefix + "/data/" + storage.key();
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new CheckpointFormatException(source + ": storage entry '" + name + "' of tensor '" + tensorKey
          + "' is missing from the zip");
    }
    long length = storage.numel() * storage.type().elementSize();
    if (length > Integer.MAX_VALUE) {
      throw new CheckpointFormatException(source + ": storage '" + name + "' is larger than 2 GiB");
    }
    if (entry.getSize() >= 0 && entry.getSize() < length) {
      throw new CheckpointFormatException(source + ": storage '" + name + "' has " + entry.getSize()
          + " bytes but tensor '" + tensorKey + "' needs " + length);
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) length).order(ByteOrder.nativeOrder());
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] chunk = new byte[1 << 16];
      while (buffer.hasRemaining()) {
        int got = in.read(chunk, 0, Math.min(chunk.length, buffer.remaining()));
        if (got < 0) {
          throw new CheckpointFormatException(source + ": storage '" + name + "' is truncated: "
              + buffer.position() + " of " + length + " bytes");
        }
        buffer.put(chunk, 0, got);
      }
    } catch (ZipException e) {
      throw new CheckpointFormatException(source + ": storage '" + name + "' is corrupt: " + e.getMessage(), e);
    }
    return buffer.flip();
  }
}
