/**
 * Video input: {@link io.masklet.engine.video.FrameSources#open} turns a video file, an image
 * folder or a single image into a {@link io.masklet.engine.video.FrameSource} of exactly
 * indexed RGB frames.
 *
 * <p>Video files are read with the FFmpeg that JavaCV bundles, through its C API (JavaCPP
 * presets) rather than {@code FFmpegFrameGrabber}: exact indexing needs the packets' own
 * timestamps in the stream time base, which the grabber only exposes rounded to microseconds.
 * Frame N is the packet with the N-th smallest presentation timestamp; a seek goes to the last
 * key frame not after N in display order and decodes forward until the picture with N's
 * timestamp comes out. Pictures are converted to RGB24 by swscale with the stream's colour
 * matrix and range (bicubic chroma, like the ffmpeg command line) and turned upright by the
 * display matrix (or legacy {@code rotate} tag); mirrored display matrices are not applied.
 *
 * <p>Limits: an MP4/MOV whose index (moov) is stored at the end cannot be read at all when cut
 * short (FFmpeg needs that index); streamable layouts (Matroska/WebM, MP4 with the index first,
 * AVI) keep every frame before the damage. Image folders do not apply EXIF orientation, like
 * PIL's {@code Image.open} in the official loader.
 */
package io.masklet.engine.video;
