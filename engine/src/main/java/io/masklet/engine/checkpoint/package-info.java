/**
 * Reading and writing weights.
 *
 * <ul>
 *   <li>{@link io.masklet.engine.checkpoint.CheckpointLoader#load(java.nio.file.Path)} → a
 *       {@link io.masklet.engine.checkpoint.StateDict} from an official {@code .pt} checkpoint
 *       ({@code torch.save} zip; {@code {"model": state_dict}} or a bare state dict; float32,
 *       float16, bfloat16 storages, strided/shared views) or a safetensors file with the same keys.
 *       Floating tensors become float32 (exact for float16/bfloat16); the state dict owns its
 *       {@code NDManager}. {@code load(path, manager)} takes a caller-made (sub-)manager instead.
 *   <li>The pickle is read by a weights-only unpickler: only {@code collections.OrderedDict},
 *       {@code torch._utils._rebuild_tensor_v2}, {@code _rebuild_parameter[_with_state]} and
 *       {@code torch.*Storage} may appear; any other global is a
 *       {@link io.masklet.engine.checkpoint.CheckpointFormatException} naming it and the file.
 *   <li>Storages are streamed one at a time from the zip: memory peaks at the loaded weights plus
 *       one storage.
 *   <li>{@link io.masklet.engine.checkpoint.Safetensors}: {@code read(path, manager)} (all tensors,
 *       stored dtypes, BF16 widened to float32), {@code open(path)} for a lazy per-key
 *       {@code Reader} ({@code keys()}, {@code info(key)}, {@code get(key, manager)}), and an
 *       atomic {@code write(path, tensors[, metadata])}. Used for the fixture goldens
 *       ({@code ../shared/fixtures/<name>/image.safetensors}, {@code video.safetensors}).
 *   <li>Binding a state dict to a network is {@link io.masklet.engine.nn.Module#load}; it is
 *       strict and throws {@link io.masklet.engine.checkpoint.WeightBindingException}.
 * </ul>
 *
 * <p>Memory: a float32 storage that is exactly one tensor is handed to DJL as the direct
 * {@code ByteBuffer} it was read into (no second copy); DJL's PyTorch arrays keep such buffers
 * alive, so the JVM's direct-memory limit ({@code -XX:MaxDirectMemorySize}, default = max heap)
 * must cover the float32 weights (about 0.9 GB for the large model).
 *
 * <p>Note: DJL 0.35's PyTorch engine aborts the JVM on BFLOAT16 arrays, so bfloat16 data is
 * widened in Java before it reaches DJL. Never create a BFLOAT16 NDArray.
 */
package io.masklet.engine.checkpoint;
