package io.masklet.engine.checkpoint;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the {@code data.pkl} of a PyTorch zip checkpoint the way
 * {@code torch.load(weights_only=True)} does: only the handful of globals a tensor state dict
 * is made of can be named, so a malicious pickle cannot make this reader construct arbitrary
 * objects. Any other global, and the opcodes that instantiate classes by name ({@code INST},
 * {@code OBJ}, extension codes), are rejected with an error naming them and the file.
 *
 * <p>Tensors are not read here: {@code _rebuild_tensor_v2} yields a {@link TensorRef} pointing
 * at a lazily read storage, so unpickling costs only the size of the pickle itself.
 */
final class SafeUnpickler extends Unpickler {
  /** Globals a state dict needs, as {@code module.name}, for the error message. */
  static final Set<String> ALLOWED = Set.of(
      "collections.OrderedDict",
      "torch._utils._rebuild_tensor_v2",
      "torch._utils._rebuild_parameter",
      "torch._utils._rebuild_parameter_with_state",
      "torch.<Type>Storage");

  private final String source;

  SafeUnpickler(String source) {
    this.source = source;
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case Opcodes.GLOBAL -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(resolveGlobal(module, name));
        return NO_RETURN_VALUE;
      }
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
          throw new CheckpointFormatException(source + ": STACK_GLOBAL with non-string operands");
        }
        stack.add(resolveGlobal(m, n));
        return NO_RETURN_VALUE;
      }
      case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.PERSID ->
          throw new CheckpointFormatException(source + ": pickle opcode '" + opcodeName(key)
              + "' is not allowed in a weights-only checkpoint");
      case Opcodes.EMPTY_DICT -> {
        // insertion order is kept so the state dict lists keys as the file does
        stack.add(new LinkedHashMap<Object, Object>());
        return NO_RETURN_VALUE;
      }
      case Opcodes.DICT -> {
        List<Object> items = stack.pop_all_since_marker();
        Map<Object, Object> map = new LinkedHashMap<>();
        putPairs(map, items);
        stack.add(map);
        return NO_RETURN_VALUE;
      }
      case Opcodes.SETITEMS -> {
        List<Object> items = stack.pop_all_since_marker();
        Object target = stack.peek();
        if (!(target instanceof Map<?, ?>)) {
          throw new CheckpointFormatException(source + ": SETITEMS on a non-dict");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) target;
        putPairs(map, items);
        return NO_RETURN_VALUE;
      }
      case Opcodes.BUILD -> {
        Object state = stack.pop();
        Object target = stack.peek();
        // OrderedDict.__reduce__ passes the instance __dict__ (torch's `_metadata`, module
        // versions) as state; that metadata is not needed for inference, so it is dropped.
        if (target instanceof Map<?, ?> && (state instanceof Map<?, ?> || state == null)) {
          return NO_RETURN_VALUE;
        }
        throw new CheckpointFormatException(source + ": BUILD (setting object state) is only allowed on"
            + " an OrderedDict, not on " + describe(target));
      }
      default -> {
        return super.dispatch(key);
      }
    }
  }

  private static void putPairs(Map<Object, Object> map, List<Object> items) {
    for (int i = 0; i + 1 < items.size(); i += 2) {
      map.put(items.get(i), items.get(i + 1));
    }
  }

  @Override
  protected Object persistentLoad(Object pid) {
    // ('storage', storage_type, key, location, numel)
    if (pid instanceof Object[] t && t.length == 5 && "storage".equals(t[0])
        && t[1] instanceof StorageTypeGlobal type && t[2] instanceof String storageKey
        && t[4] instanceof Number numel) {
      return new StorageRef(type.type(), storageKey, String.valueOf(t[3]), numel.longValue());
    }
    throw new PickleException(source + ": unsupported persistent id " + describe(pid)
        + " (expected ('storage', torch.<Type>Storage, key, location, numel))");
  }

  private Object resolveGlobal(String module, String name) throws CheckpointFormatException {
    String full = module + "." + name;
    switch (full) {
      case "collections.OrderedDict" -> {
        return (IObjectConstructor) args -> {
          if (args.length != 0) {
            throw new PickleException(source + ": OrderedDict with constructor arguments is not supported");
          }
          return new LinkedHashMap<Object, Object>();
        };
      }
      case "torch._utils._rebuild_tensor_v2" -> {
        return (IObjectConstructor) this::rebuildTensor;
      }
      case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
        // (data, requires_grad, backward_hooks[, state]): inference needs only the data
        return (IObjectConstructor) args -> {
          if (args.length < 3 || !(args[0] instanceof TensorRef)) {
            throw new PickleException(source + ": malformed " + full + " arguments");
          }
          return args[0];
        };
      }
      default -> {
        if (module.equals("torch") && name.endsWith("Storage")) {
          TorchStorageType type = TorchStorageType.byClassName(name).orElse(null);
          if (type != null) {
            return new StorageTypeGlobal(type, source);
          }
        }
        throw new CheckpointFormatException(source + ": forbidden global '" + full
            + "' in data.pkl; a weights-only checkpoint may only use " + ALLOWED);
      }
    }
  }

  private Object rebuildTensor(Object[] args) {
    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    if (args.length < 6 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)
        || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride)
        || size.length != stride.length) {
      throw new PickleException(source + ": malformed _rebuild_tensor_v2 arguments " + describe(args));
    }
    if (args[5] instanceof Map<?, ?> hooks && !hooks.isEmpty()) {
      throw new PickleException(source + ": tensors with backward hooks are not supported");
    }
    return new TensorRef(storage, offset.longValue(), longs(size), longs(stride));
  }

  private long[] longs(Object[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] instanceof Number n)) {
        throw new PickleException(source + ": non-integer tensor size/stride " + describe(values[i]));
      }
      out[i] = n.longValue();
    }
    return out;
  }

  static String describe(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof Object[] a) {
      return "tuple of " + a.length;
    }
    return o.getClass().getSimpleName();
  }

  private static String opcodeName(short key) {
    return switch (key) {
      case Opcodes.INST -> "INST";
      case Opcodes.OBJ -> "OBJ";
      case Opcodes.EXT1 -> "EXT1";
      case Opcodes.EXT2 -> "EXT2";
      case Opcodes.EXT4 -> "EXT4";
      case Opcodes.PERSID -> "PERSID";
      default -> Integer.toString(key);
    };
  }

  /** The value of a {@code torch.XStorage} global: only usable inside a persistent id. */
  record StorageTypeGlobal(TorchStorageType type, String source) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException(source + ": calling " + type + " is not allowed in a weights-only checkpoint");
    }
  }
}
