package io.masklet.engine.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The typed storage classes a PyTorch pickle names ({@code torch.FloatStorage}, ...) and the
 * element type of their raw bytes. Every storage class torch defines is listed so that an
 * unsupported one (complex, quantized) gives a clear "unsupported dtype" error rather than
 * being mistaken for a foreign global.
 */
public enum TorchStorageType {
  FLOAT("FloatStorage", DataType.FLOAT32, 4),
  HALF("HalfStorage", DataType.FLOAT16, 2),
  BFLOAT16("BFloat16Storage", DataType.BFLOAT16, 2),
  DOUBLE("DoubleStorage", DataType.FLOAT64, 8),
  LONG("LongStorage", DataType.INT64, 8),
  INT("IntStorage", DataType.INT32, 4),
  SHORT("ShortStorage", DataType.INT16, 2),
  CHAR("CharStorage", DataType.INT8, 1),
  BYTE("ByteStorage", DataType.UINT8, 1),
  BOOL("BoolStorage", DataType.BOOLEAN, 1),
  // Known to torch but not to this engine: reading one is an error naming the dtype.
  COMPLEX_FLOAT("ComplexFloatStorage", null, 8),
  COMPLEX_DOUBLE("ComplexDoubleStorage", null, 16),
  QINT8("QInt8Storage", null, 1),
  QUINT8("QUInt8Storage", null, 1),
  QINT32("QInt32Storage", null, 4),
  QUINT4X2("QUInt4x2Storage", null, 1),
  QUINT2X4("QUInt2x4Storage", null, 1);

  private final String className;
  private final DataType dataType;
  private final int elementSize;

  TorchStorageType(String className, DataType dataType, int elementSize) {
    this.className = className;
    this.dataType = dataType;
    this.elementSize = elementSize;
  }

  /** The class name without module, e.g. {@code HalfStorage}. */
  public String className() {
    return className;
  }

  /** DJL type of the raw elements, empty when this engine cannot represent them. */
  public Optional<DataType> dataType() {
    return Optional.ofNullable(dataType);
  }

  public int elementSize() {
    return elementSize;
  }

  /** Looks up {@code torch.<name>}; empty if torch has no such storage class. */
  public static Optional<TorchStorageType> byClassName(String name) {
    return Arrays.stream(values()).filter(t -> t.className.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return "torch." + className;
  }
}
