package io.masklet.engine.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads SAM 2.1 weights into a {@link StateDict}: official {@code .pt} checkpoints
 * ({@code torch.save} zip, {@code {"model": state_dict}} or a bare state dict; float32, float16
 * and bfloat16 storages) and safetensors files with the same key names. Floating tensors are
 * converted to float32 (float16 and bfloat16 convert exactly). The format is recognised by the
 * file's content, not its name.
 */
public final class CheckpointLoader {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private CheckpointLoader() {}

  /** Loads {@code file} into a state dict owning a new base {@link NDManager}. */
  public static StateDict load(Path file) throws IOException {
    return load(file, NDManager.newBaseManager());
  }

  /**
   * Loads {@code file} into a state dict that takes ownership of {@code manager} (pass a fresh
   * sub-manager); the manager is closed if loading fails.
   */
  public static StateDict load(Path file, NDManager manager) throws IOException {
    try {
      Map<String, NDArray> tensors = switch (detect(file)) {
        case TORCH_ZIP -> TorchZipCheckpoint.read(file, manager);
        case SAFETENSORS -> readSafetensors(file, manager);
      };
      return new StateDict(file.toString(), manager, tensors);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The two weight formats this loader reads. */
  public enum Format { TORCH_ZIP, SAFETENSORS }

  /** Recognises the format by the first bytes: a zip is a torch checkpoint, otherwise safetensors. */
  public static Format detect(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "checkpoint file not found");
    }
    if (head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_MAGIC)) {
      return Format.TORCH_ZIP;
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x80) {
      throw new CheckpointFormatException(file + ": legacy (pre-1.6, non-zip) torch.save format is not"
          + " supported; re-save it with a recent PyTorch or convert it to safetensors");
    }
    // a safetensors file opens with its header's length (little-endian) and that header
    if (head.length < 8 || !plausibleSafetensorsHeader(head, Files.size(file))) {
      throw new CheckpointFormatException(file + ": neither a PyTorch checkpoint (.pt, a zip) "
          + "nor a safetensors file");
    }
    return Format.SAFETENSORS;
  }

  private static boolean plausibleSafetensorsHeader(byte[] head, long fileSize) {
    long length = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    return length > 0 && length <= fileSize - 8;
  }

  private static Map<String, NDArray> readSafetensors(Path file, NDManager manager) throws IOException {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (Safetensors.Reader reader = Safetensors.open(file)) {
      for (String key : reader.keys()) {
        NDArray stored = reader.get(key, manager);
        DataType target = TorchZipCheckpoint.targetType(stored.getDataType());
        if (target != stored.getDataType()) {
          NDArray converted = stored.toType(target, true);
          stored.close();
          stored = converted;
        }
        out.put(key, stored);
      }
    }
    return out;
  }
}
