package io.masklet.engine.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small checkpoints in the layout of {@code torch.save} (zip of {@code archive/data.pkl}
 * + {@code archive/data/<key>}), with the same pickle opcodes torch's protocol-2 pickler emits,
 * so tests can exercise dtypes, shared storages, strided views and hostile pickles without
 * PyTorch.
 */
final class FakeTorchCheckpoint {
  record Tensor(String name, String storageKey, String storageClass, long storageNumel, long offset,
      long[] size, long[] stride) {}

  private final List<Tensor> tensors = new ArrayList<>();
  private final Map<String, byte[]> storages = new LinkedHashMap<>();
  private boolean wrapInModel = true;

  FakeTorchCheckpoint storage(String key, byte[] littleEndianBytes) {
    storages.put(key, littleEndianBytes);
    return this;
  }

  FakeTorchCheckpoint tensor(String name, String storageKey, String storageClass, long storageNumel,
      long offset, long[] size, long[] stride) {
    tensors.add(new Tensor(name, storageKey, storageClass, storageNumel, offset, size, stride));
    return this;
  }

  FakeTorchCheckpoint bare() {
    wrapInModel = false;
    return this;
  }

  byte[] pickle() {
    Pickle p = new Pickle();
    p.op(0x80).op(2);
    if (wrapInModel) {
      p.op('}').str("model");
    }
    p.op('}').op('(');
    for (Tensor t : tensors) {
      p.str(t.name());
      p.global("torch._utils", "_rebuild_tensor_v2");
      p.op('(');
      p.op('(').str("storage").global("torch", t.storageClass()).str(t.storageKey()).str("cpu")
          .integer(t.storageNumel()).op('t').op('Q');
      p.integer(t.offset());
      p.op('(');
      for (long s : t.size()) {
        p.integer(s);
      }
      p.op('t').op('(');
      for (long s : t.stride()) {
        p.integer(s);
      }
      p.op('t');
      p.op(0x89); // requires_grad=False
      p.global("collections", "OrderedDict").op(')').op('R');
      p.op('t').op('R');
    }
    p.op('u');
    if (wrapInModel) {
      p.op('s');
    }
    p.op('.');
    return p.bytes();
  }

  void write(Path file) throws IOException {
    writeZip(file, pickle(), storages);
  }

  /** Writes a torch-layout zip with the given pickle and storages (stored, not deflated). */
  static void writeZip(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
      put(zip, "archive/data.pkl", pickle);
      put(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
      for (Map.Entry<String, byte[]> e : storages.entrySet()) {
        put(zip, "archive/data/" + e.getKey(), e.getValue());
      }
      put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  /** A few protocol-2 pickle opcodes. */
  static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle op(int opcode) {
      out.write(opcode);
      return this;
    }

    Pickle str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op('X');
      le32(b.length);
      out.writeBytes(b);
      return this;
    }

    Pickle global(String module, String name) {
      op('c');
      out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Pickle integer(long v) {
      op('J');
      le32(Math.toIntExact(v));
      return this;
    }

    private void le32(int v) {
      out.write(v & 0xff);
      out.write((v >>> 8) & 0xff);
      out.write((v >>> 16) & 0xff);
      out.write((v >>> 24) & 0xff);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
