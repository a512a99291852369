/**
 * The BMP+JSON (LabelMe-compatible) dataset format, {@link io.masklet.model.dataset.BmpJsonDataset}.
 */
package io.masklet.model.dataset;
