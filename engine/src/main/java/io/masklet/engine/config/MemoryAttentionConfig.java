package io.masklet.engine.config;

/** Arguments of {@code sam2/modeling/memory_attention.py::MemoryAttention}. */
public record MemoryAttentionConfig(
    int dModel, boolean posEncAtInput, MemoryAttentionLayerConfig layer, int numLayers, boolean batchFirst) {}
