/**
 * File plumbing shared by every format: {@link io.masklet.model.io.AtomicFiles} (temp file,
 * fsync, atomic rename), {@link io.masklet.model.io.FormatException} (errors naming file and
 * position) and {@link io.masklet.model.io.JsonReading} (typed required fields with JSON paths).
 */
package io.masklet.model.io;
