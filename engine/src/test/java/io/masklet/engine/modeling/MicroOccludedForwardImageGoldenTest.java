package io.masklet.engine.modeling;

/** Fixture sam2.1_hiera_micro_occluded, tolerance atol 1e-3 + rtol 1e-3 (see the base class). */
class MicroOccludedForwardImageGoldenTest extends ForwardImageGoldenTestBase {
  @Override
  String fixture() {
    return "sam2.1_hiera_micro_occluded";
  }
}
