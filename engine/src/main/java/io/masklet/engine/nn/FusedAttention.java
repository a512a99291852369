package io.masklet.engine.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * libtorch's own attention kernel, {@code aten::scaled_dot_product_attention} (the op the
 * official code calls as {@code F.scaled_dot_product_attention}), reached through a one-method
 * TorchScript module.
 *
 * <p>DJL 0.35's NDArray API binds no attention op, but its PyTorch engine loads and runs
 * TorchScript, and a TorchScript method whose body is that one call is a binding. The module
 * archive (the method's source, a pickled module object, a format version) is written here in
 * memory; nothing binary is shipped or downloaded.
 *
 * <p>Why bother: on CPU, for 4-D float inputs of equal batch and head sizes and no mask,
 * libtorch runs its flash-attention kernel. It never forms the (Lq, Lk) score matrix, so its
 * memory is a few blocks per thread, and it is faster than matmul–softmax–matmul: Hiera-tiny's
 * global attention at 1024 (4 heads, 4096 × 4096 tokens, head dim 96) took 112 ms instead of
 * 185 ms, memory attention (4096 queries × 28,736 memory tokens, dim 256) 480 instead of 600 ms
 * (2-core host, best of 4). {@link Attention#sdpa} uses it where it applies and is faster.
 */
public final class FusedAttention {
  /** {@code -Dmasklet.attention=composite} turns the kernel off (for A/B runs and diagnosis). */
  public static final String PROPERTY = "masklet.attention";

  /** TorchScript source of the module: the class {@code __torch__.Sdpa} in {@code code/__torch__.py}. */
  static final String SOURCE = """
      class Sdpa(Module):
        __parameters__ = []
        __buffers__ = []
        training : bool
        def forward(self: __torch__.Sdpa,
          q: Tensor,
          k: Tensor,
          v: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v)
      """;

  private static final String ARCHIVE = "masklet_sdpa";
  /** TorchScript file format version of an archive that uses only current operator schemas. */
  private static final String FORMAT_VERSION = "3";

  private final PtSymbolBlock module;
  private final ParameterStore noParameters;

  private FusedAttention(PtSymbolBlock module, NDManager manager) {
    this.module = module;
    this.noParameters = new ParameterStore(manager, false);
  }

  /** Lazily loaded once per process; {@code null} when off or not loadable. */
  private static final class Holder {
    static final String FAILURE;
    static final FusedAttention INSTANCE;

    static {
      FusedAttention loaded = null;
      String failure = null;
      if ("composite".equalsIgnoreCase(System.getProperty(PROPERTY, "fused"))) {
        failure = "turned off by -D" + PROPERTY + "=composite";
      } else {
        try {
          loaded = load();
        } catch (RuntimeException | LinkageError e) {
          failure = e.toString();
          System.Logger log = System.getLogger(FusedAttention.class.getName());
          log.log(System.Logger.Level.WARNING,
              "libtorch's fused attention kernel could not be loaded, using matmul-softmax-matmul: "
                  + e);
        }
      }
      INSTANCE = loaded;
      FAILURE = failure;
    }
  }

  /** Whether the kernel is loaded and on. */
  public static boolean available() {
    return Holder.INSTANCE != null;
  }

  /** Why the kernel is not available, or {@code null} when it is. */
  public static String unavailableReason() {
    return Holder.FAILURE;
  }

  /**
   * Whether {@link #apply} takes these inputs: PyTorch arrays, all 4-D (B, heads, L, D) of one
   * float type, k and v of equal length, v's head dim equal to q's, and batch/head sizes that
   * are equal or 1 (a size-1 side is expanded, as matmul would broadcast it).
   */
  static boolean accepts(NDArray q, NDArray k, NDArray v) {
    if (!(q instanceof PtNDArray && k instanceof PtNDArray && v instanceof PtNDArray)) {
      return false;
    }
    Shape qs = q.getShape();
    Shape ks = k.getShape();
    Shape vs = v.getShape();
    if (qs.dimension() != 4 || ks.dimension() != 4 || vs.dimension() != 4) {
      return false;
    }
    if (!q.getDataType().isFloating() || q.getDataType() != k.getDataType()
        || q.getDataType() != v.getDataType()) {
      return false;
    }
    if (ks.get(2) != vs.get(2) || ks.get(3) != qs.get(3) || vs.get(3) != qs.get(3)) {
      return false;
    }
    for (int axis = 0; axis < 2; axis++) {
      long n = qs.get(axis);
      if (!broadcastable(n, ks.get(axis)) || !broadcastable(n, vs.get(axis))
          || !broadcastable(ks.get(axis), vs.get(axis))) {
        return false;
      }
    }
    return true;
  }

  private static boolean broadcastable(long a, long b) {
    return a == b || a == 1 || b == 1;
  }

  /**
   * softmax(q kᵀ / √D) v with libtorch's kernel: {@code q} (B, h, Lq, D), {@code k} (B, h, Lk,
   * D), {@code v} (B, h, Lk, D) → (B, h, Lq, D) in q's manager. Inputs must pass {@link
   * #accepts}; throws {@link IllegalStateException} when the kernel is not {@link #available}.
   */
  static NDArray apply(NDArray q, NDArray k, NDArray v) {
    FusedAttention kernel = Holder.INSTANCE;
    if (kernel == null) {
      throw new IllegalStateException("fused attention is not available: " + Holder.FAILURE);
    }
    long[] qs = q.getShape().getShape();
    long[] ks = k.getShape().getShape();
    long[] vs = v.getShape().getShape();
    long batch = Math.max(qs[0], Math.max(ks[0], vs[0]));
    long heads = Math.max(qs[1], Math.max(ks[1], vs[1]));
    NDManager owner = q.getManager();
    try (NDManager scope = owner.newSubManager()) {
      // the kernel wants equal batch and head sizes; expanded views share the data
      NDArray qe = expand(q, batch, heads, scope);
      NDArray ke = expand(k, batch, heads, scope);
      NDArray ve = expand(v, batch, heads, scope);
      NDArray out = kernel.module.forward(kernel.noParameters, new NDList(qe, ke, ve), false)
          .singletonOrThrow();
      out.attach(owner);
      return out;
    }
  }

  /** A handle on {@code x} owned by {@code scope}, expanded to (batch, heads, L, D) if needed. */
  private static NDArray expand(NDArray x, long batch, long heads, NDManager scope) {
    long[] s = x.getShape().getShape();
    if (s[0] == batch && s[1] == heads) {
      return Scoped.view(x, scope);
    }
    NDArray expanded = x.broadcast(new Shape(batch, heads, s[2], s[3]));
    expanded.attach(scope);
    return expanded;
  }

  private static FusedAttention load() {
    // lives as long as the process: the module is shared by every model and thread
    PtNDManager manager = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try {
      PtSymbolBlock module = JniUtils.loadModule(
          manager, new ByteArrayInputStream(archive()), false, false);
      FusedAttention kernel = new FusedAttention(module, manager);
      kernel.selfCheck(manager);
      return kernel;
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /**
   * One small call compared with the composite formula before the kernel is trusted: it also
   * takes PtSymbolBlock's first-call set-up (evaluation mode, input description) out of the
   * concurrent path.
   */
  private void selfCheck(NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray q = scope.arange(2 * 3 * 4 * 8).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
          .reshape(2, 3, 4, 8).div(50).sin();
      NDArray k = q.flip(2).mul(0.7f);
      NDArray v = q.cos();
      NDArray got = module.forward(noParameters, new NDList(q, k, v), false).singletonOrThrow();
      NDArray expected = q.matMul(k.swapAxes(-1, -2)).div(Math.sqrt(8)).softmax(-1).matMul(v);
      float err = got.sub(expected).abs().max().getFloat();
      if (!(err < 1e-5f)) {
        throw new IllegalStateException("aten::scaled_dot_product_attention disagrees with "
            + "softmax(q k^T / sqrt(d)) v by " + err + " on a 2x3x4x8 check");
      }
    }
  }

  /** The TorchScript archive: a zip whose entries share one top-level directory. */
  static byte[] archive() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, ARCHIVE + "/data.pkl", modulePickle());
      stored(zip, ARCHIVE + "/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
      // no tensor constants: an empty tuple
      stored(zip, ARCHIVE + "/constants.pkl", new byte[] {PROTO, 2, EMPTY_TUPLE, STOP});
      stored(zip, ARCHIVE + "/version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  // pickle protocol-2 opcodes used below
  private static final byte PROTO = (byte) 0x80;
  private static final byte GLOBAL = 'c';
  private static final byte EMPTY_TUPLE = ')';
  private static final byte NEWOBJ = (byte) 0x81;
  private static final byte EMPTY_DICT = '}';
  private static final byte BINUNICODE = 'X';
  private static final byte NEWFALSE = (byte) 0x89;
  private static final byte SETITEM = 's';
  private static final byte BUILD = 'b';
  private static final byte STOP = '.';

  /**
   * The module object as TorchScript pickles it: {@code __torch__.Sdpa.__new__()} built with the
   * state {@code {"training": False}}.
   */
  static byte[] modulePickle() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(PROTO);
    p.write(2);
    p.write(GLOBAL);
    p.writeBytes("__torch__\nSdpa\n".getBytes(StandardCharsets.US_ASCII)); // module, name
    p.write(EMPTY_TUPLE);
    p.write(NEWOBJ);
    p.write(EMPTY_DICT);
    byte[] key = "training".getBytes(StandardCharsets.UTF_8);
    p.write(BINUNICODE);
    p.write(key.length); // 4-byte little-endian length
    p.write(0);
    p.write(0);
    p.write(0);
    p.writeBytes(key);
    p.write(NEWFALSE);
    p.write(SETITEM);
    p.write(BUILD);
    p.write(STOP);
    return p.toByteArray();
  }

  /** Entries are stored uncompressed, as {@code torch.jit.save} writes them. */
  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
