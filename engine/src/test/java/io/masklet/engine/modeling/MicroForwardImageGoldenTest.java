package io.masklet.engine.modeling;

/** Fixture sam2.1_hiera_micro, tolerance atol 1e-3 + rtol 1e-3 (see the base class). */
class MicroForwardImageGoldenTest extends ForwardImageGoldenTestBase {
  @Override
  String fixture() {
    return "sam2.1_hiera_micro";
  }
}
