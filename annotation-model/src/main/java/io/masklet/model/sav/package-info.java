/**
 * SA-V masklet JSON ({@link io.masklet.model.sav.SavJson}, {@link io.masklet.model.sav.SavVideo})
 * and the SA-V per-masklet statistics recomputed from masks ({@link io.masklet.model.sav.SavStats},
 * whose Javadoc states the exact definitions).
 */
package io.masklet.model.sav;
