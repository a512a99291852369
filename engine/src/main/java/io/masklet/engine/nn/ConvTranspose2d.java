package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * Port of {@code torch.nn.ConvTranspose2d} for the case the SAM decoder uses: kernel size equal
 * to the stride, no padding. DJL's PyTorch engine has no transposed convolution, but with
 * kernel = stride every input pixel writes its own disjoint k×k output patch, so the op is one
 * matmul over channels followed by a reshape that scatters the patches.
 */
public final class ConvTranspose2d extends Module {
  private final Parameter weight;
  private final Parameter bias;
  private final int kernel;

  /** {@code kernelSize} is also the stride. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
    this.weight = param("weight", inChannels, outChannels, kernelSize, kernelSize);
    this.bias = param("bias", outChannels);
    this.kernel = kernelSize;
  }

  public NDArray forward(NDArray x) {
    return convTranspose2d(x, weight.get(), bias.get());
  }

  /** (Cin, Cout, k, k). */
  public NDArray weight() {
    return weight.get();
  }

  /** (Cout). */
  public NDArray bias() {
    return bias.get();
  }

  /**
   * The same op on channel-last tensors, which is how it is cheapest to compute: {@code x}
   * (B, H, W, Cin), {@code w} (Cin, Cout, k, k), {@code b} (Cout) or null → (B, H*k, W*k, Cout).
   */
  public static NDArray convTranspose2dChannelsLast(NDArray x, NDArray w, NDArray b) {
    long[] xs = x.getShape().getShape();
    long batch = xs[0];
    long h = xs[1];
    long wd = xs[2];
    long k = w.getShape().get(2);
    long cout = w.getShape().get(1);
    NDArray out = patchOrder(x.reshape(batch, h * wd, xs[3]), w) // -> (B, H*W*ky*kx, Cout)
        .reshape(batch, h, wd, k, k, cout) // -> (B, H, W, ky, kx, Cout)
        .transpose(0, 1, 3, 2, 4, 5) // -> (B, H, ky, W, kx, Cout)
        .reshape(batch, h * k, wd * k, cout); // -> (B, H*k, W*k, Cout)
    return b == null ? out : out.addi(b);
  }

  /**
   * The op without bias on a list of input pixels, with the output pixels in patch order:
   * {@code x} (B, N, Cin) → (B, N*k*k, Cout) where output row {@code n*k*k + ky*k + kx} is the
   * output pixel (ky, kx) of input pixel n's k×k patch. Per-pixel steps that follow (bias,
   * norms over channels, activations, another such convolution) do not care about the pixel
   * order, so a chain of them can stay in patch order and be put in raster order once, at the
   * end, on whatever is smallest by then. The output is a view of one matmul result.
   */
  public static NDArray patchOrder(NDArray x, NDArray w) {
    long[] xs = x.getShape().getShape();
    long cin = xs[xs.length - 1];
    long[] ws = w.getShape().getShape();
    if (xs.length != 3 || ws[0] != cin || ws[2] != ws[3]) {
      throw new IllegalArgumentException("ConvTranspose2d: weight " + w.getShape()
          + " does not fit a (B, N, Cin) pixel list " + x.getShape());
    }
    long cout = ws[1];
    long k = ws[2];
    NDArray wt = w.transpose(0, 2, 3, 1); // (Cin, Cout, ky, kx) -> (Cin, ky, kx, Cout)
    wt.attach(x.getManager());
    NDArray wm = wt.reshape(cin, k * k * cout); // -> (Cin, ky*kx*Cout)
    wm.attach(x.getManager());
    return x.matMul(wm) // (B, N, Cin) @ (Cin, ky*kx*Cout) -> (B, N, ky*kx*Cout)
        .reshape(xs[0], xs[1] * k * k, cout); // -> (B, N*ky*kx, Cout)
  }

  /**
   * {@code x} (B, Cin, H, W), {@code w} (Cin, Cout, k, k) with stride k, {@code b} (Cout) or
   * null → (B, Cout, H*k, W*k).
   */
  public static NDArray convTranspose2d(NDArray x, NDArray w, NDArray b) {
    long[] xs = x.getShape().getShape();
    long batch = xs[0];
    long cin = xs[1];
    long h = xs[2];
    long wd = xs[3];
    long[] ws = w.getShape().getShape();
    if (ws[0] != cin || ws[2] != ws[3]) {
      throw new IllegalArgumentException("ConvTranspose2d: weight " + w.getShape()
          + " does not fit input " + x.getShape());
    }
    long cout = ws[1];
    long k = ws[2];
    NDArray pixels = x.transpose(0, 2, 3, 1); // (B, Cin, H, W) -> (B, H, W, Cin)
    NDArray wm = w.reshape(cin, cout * k * k); // (Cin, Cout, k, k) -> (Cin, Cout*k*k)
    wm.attach(x.getManager()); // a view handle: free it with the caller's scope, not the weights
    NDArray patches = pixels.matMul(wm); // (B, H, W, Cout*k*k)
    NDArray out = patches
        .reshape(batch, h, wd, cout, k, k) // (B, H, W, Cout*k*k) -> (B, H, W, Cout, ky, kx)
        .transpose(0, 3, 1, 4, 2, 5) // -> (B, Cout, H, ky, W, kx)
        .reshape(batch, cout, h * k, wd * k); // -> (B, Cout, H*k, W*k)
    if (b == null) {
      return out;
    }
    NDArray bc = b.reshape(cout, 1, 1); // (Cout) -> (Cout, 1, 1)
    bc.attach(x.getManager());
    return out.addi(bc);
  }
}
