package io.masklet.engine.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Thin owner of one FFmpeg demuxer + decoder for the best video stream of a file, on the
 * FFmpeg C API that JavaCV bundles. It only knows packets, decoded pictures and their
 * timestamps; which timestamp is which frame index is {@link VideoIndex}'s job. Not thread
 * safe. All native objects are allocated once at open and freed by {@link #close()}.
 */
final class VideoDecoder implements AutoCloseable {
  static {
    // Damaged input makes decoders log on stderr; our exceptions carry the reason instead.
    av_log_set_level(AV_LOG_FATAL);
  }

  /** One video packet as the demuxer saw it, in decode order. */
  record PacketInfo(long pts, long dts, boolean key, boolean corrupt) {}

  private final String location;
  private AVFormatContext format;
  private AVCodecContext codec;
  private AVPacket packet;
  private AVFrame picture;
  private SwsContext sws;
  private BytePointer rgb;
  private long rgbCapacity;
  private final int streamIndex;
  private final AVStream stream;
  private boolean inputEnded;
  private boolean drainSent;
  private String readError;
  /** Timestamp of the first video packet in decode order, from the scan. */
  private long startTimestamp = AV_NOPTS_VALUE;

  VideoDecoder(String location) throws IOException {
    this.location = location;
    format = new AVFormatContext(null);
    int r = avformat_open_input(format, location, null, null);
    if (r < 0) {
      format = null;
      String hint = r == avutil.AVERROR_INVALIDDATA()
          ? " (not a video file, or one damaged or cut short before its index)"
          : r == AVERROR_EOF ? " (the file ends before any video data)" : "";
      throw new IOException("cannot open video " + location + ": " + errorText(r) + hint);
    }
    try {
      r = avformat_find_stream_info(format, (PointerPointer<?>) null);
      if (r < 0) {
        throw new IOException("cannot read stream info of " + location + ": " + errorText(r));
      }
      streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      if (streamIndex < 0) {
        throw new IOException("no video stream in " + location);
      }
      stream = format.streams(streamIndex);
      AVCodecParameters par = stream.codecpar();
      AVCodec decoder = avcodec_find_decoder(par.codec_id());
      if (decoder == null || decoder.isNull()) {
        String what = par.codec_id() == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE
            ? "an unknown video codec"
            : "video codec '" + avcodec_get_name(par.codec_id()).getString() + "'";
        throw new IOException("unsupported: " + location + " uses " + what
            + ", which the bundled FFmpeg cannot decode");
      }
      codec = avcodec_alloc_context3(decoder);
      check(avcodec_parameters_to_context(codec, par), "codec parameters");
      codec.thread_count(0); // FFmpeg picks the thread count; output stays deterministic
      check(avcodec_open2(codec, decoder, (AVDictionary) null), "open decoder "
          + decoder.name().getString());
      packet = av_packet_alloc();
      picture = av_frame_alloc();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  String location() {
    return location;
  }

  String codecName() {
    return avcodec_get_name(stream.codecpar().codec_id()).getString();
  }

  int codedWidth() {
    return stream.codecpar().width();
  }

  int codedHeight() {
    return stream.codecpar().height();
  }

  /** Average frame rate from the container, falling back to the real base rate; 0 if unknown. */
  double fps() {
    AVRational r = stream.avg_frame_rate();
    if (r.num() <= 0 || r.den() <= 0) {
      r = stream.r_frame_rate();
    }
    return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0.0;
  }

  /**
   * How to turn the picture to display it upright: from the display-matrix side data (rotation
   * and mirroring), else from a legacy {@code rotate} metadata tag (clockwise degrees).
   */
  Orientation displayOrientation() {
    AVCodecParameters par = stream.codecpar();
    AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
        AV_PKT_DATA_DISPLAYMATRIX);
    if (sd != null && !sd.isNull() && sd.size() >= 9 * 4) {
      int[] matrix = new int[9];
      new IntPointer(sd.data()).get(matrix);
      Orientation o = Orientation.fromDisplayMatrix(matrix);
      if (o != null) {
        return o;
      }
    }
    AVDictionaryEntry tag = av_dict_get(stream.metadata(), "rotate", null, 0);
    if (tag != null && !tag.isNull()) {
      try {
        return new Orientation(false,
            Orientation.quarterTurn(Double.parseDouble(tag.value().getString().trim())));
      } catch (NumberFormatException e) {
        return Orientation.UPRIGHT;
      }
    }
    return Orientation.UPRIGHT;
  }

  /**
   * Reads every packet of the video stream without decoding (cheap: demuxing only), in decode
   * order, and rewinds. Stops at the first read error (a truncated or damaged file); the error is
   * kept in {@link #readError()}.
   */
  java.util.List<PacketInfo> scanPackets() throws IOException {
    java.util.List<PacketInfo> out = new java.util.ArrayList<>();
    readError = null;
    startTimestamp = AV_NOPTS_VALUE;
    boolean sawVideo = false;
    int r;
    while ((r = av_read_frame(format, packet)) >= 0) {
      try {
        if (packet.stream_index() == streamIndex && !sawVideo) {
          sawVideo = true;
          startTimestamp = earliest(packet.pts(), packet.dts());
        }
        if (packet.stream_index() == streamIndex && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
          out.add(new PacketInfo(packet.pts(), packet.dts(), (packet.flags() & AV_PKT_FLAG_KEY) != 0,
              (packet.flags() & AV_PKT_FLAG_CORRUPT) != 0));
        }
      } finally {
        av_packet_unref(packet);
      }
    }
    if (r != AVERROR_EOF) {
      readError = errorText(r);
    }
    if (sawVideo) {
      rewind();
    }
    return out;
  }

  /** Timestamp of the stream's first packet as the scan saw it (for {@link #rewind()}). */
  long startTimestamp() {
    return startTimestamp;
  }

  /** Lets a decoder reopened on an already scanned file rewind without scanning again. */
  void startTimestamp(long timestamp) {
    startTimestamp = timestamp;
  }

  /** Why the last packet scan stopped early, or null if it reached the end cleanly. */
  String readError() {
    return readError;
  }

  /**
   * Positions the demuxer at the last key frame at or before {@code timestamp} (stream time
   * base) and empties the decoder.
   */
  void seek(long timestamp) throws IOException {
    int r = av_seek_frame(format, streamIndex, timestamp, AVSEEK_FLAG_BACKWARD);
    if (r < 0) {
      throw new IOException("cannot seek in " + location + ": " + errorText(r));
    }
    resetDecoder();
  }

  /**
   * Positions the demuxer at the first packet of the stream. A seek to "minus infinity" is not
   * reliable (some demuxers land anywhere), so this seeks to the first packet's own timestamp
   * as the scan saw it, or to byte 0 for streams without timestamps.
   */
  void rewind() throws IOException {
    int r = startTimestamp != AV_NOPTS_VALUE
        ? av_seek_frame(format, streamIndex, startTimestamp, AVSEEK_FLAG_BACKWARD)
        : av_seek_frame(format, -1, 0, org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE);
    if (r < 0) {
      throw new IOException("cannot rewind " + location + ": " + errorText(r));
    }
    resetDecoder();
  }

  /** The smaller of two timestamps, ignoring missing ones. */
  static long earliest(long pts, long dts) {
    if (pts == AV_NOPTS_VALUE) {
      return dts;
    }
    return dts == AV_NOPTS_VALUE ? pts : Math.min(pts, dts);
  }

  private void resetDecoder() {
    avcodec_flush_buffers(codec);
    inputEnded = false;
    drainSent = false;
  }

  /**
   * Decodes the next picture in presentation order. Returns its timestamp (stream time base;
   * {@code AV_NOPTS_VALUE} if the decoder gave none), or {@code null} at the end of the
   * decodable data. The picture stays available for {@link #toRgb} until the next call.
   */
  Long nextPicture() throws IOException {
    av_frame_unref(picture);
    while (true) {
      int r = avcodec_receive_frame(codec, picture);
      if (r >= 0) {
        long ts = picture.pts();
        return ts != AV_NOPTS_VALUE ? ts : picture.best_effort_timestamp();
      }
      if (r == AVERROR_EOF) {
        return null;
      }
      if (r != avutil.AVERROR_EAGAIN()) {
        throw new IOException("decoding failed in " + location + ": " + errorText(r));
      }
      if (inputEnded) {
        if (drainSent) {
          return null;
        }
        drainSent = true;
        avcodec_send_packet(codec, null);
        continue;
      }
      r = av_read_frame(format, packet);
      if (r < 0) {
        inputEnded = true; // end of file, or a read error on damaged data: drain what we have
        continue;
      }
      try {
        if (packet.stream_index() == streamIndex) {
          // A damaged packet is rejected by the decoder; it conceals and goes on, so do we.
          avcodec_send_packet(codec, packet);
        }
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  int pictureWidth() {
    return picture.width();
  }

  int pictureHeight() {
    return picture.height();
  }

  /**
   * Converts the current picture to packed RGB24 (swscale, bicubic chroma upsampling like the
   * ffmpeg command line, with the stream's colour matrix and range).
   */
  byte[] toRgb() throws IOException {
    int w = picture.width();
    int h = picture.height();
    sws = sws_getCachedContext(sws, w, h, picture.format(), w, h, AV_PIX_FMT_RGB24, SWS_BICUBIC,
        null, null, (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      throw new IOException("cannot convert pixel format " + picture.format() + " of " + location
          + " to RGB");
    }
    int space = picture.colorspace();
    IntPointer coefficients = sws_getCoefficients(space == AVCOL_SPC_UNSPECIFIED
        ? org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT : space);
    int srcRange = picture.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
    sws_setColorspaceDetails(sws, coefficients, srcRange, coefficients, 1, 0, 1 << 16, 1 << 16);
    long need = 3L * w * h;
    if (rgb == null || rgbCapacity < need) {
      if (rgb != null) {
        rgb.close();
      }
      rgb = new BytePointer(need);
      rgbCapacity = need;
    }
    try (PointerPointer<BytePointer> dst = new PointerPointer<>(1);
        IntPointer dstStride = new IntPointer(1)) {
      dst.put(0, rgb);
      dstStride.put(0, 3 * w);
      int rows = sws_scale(sws, picture.data(), picture.linesize(), 0, h, dst, dstStride);
      if (rows != h) {
        throw new IOException("pixel conversion failed in " + location);
      }
    }
    byte[] out = new byte[(int) need];
    rgb.position(0).get(out);
    return out;
  }

  private void check(int r, String what) throws IOException {
    if (r < 0) {
      throw new IOException("cannot " + what + " for " + location + ": " + errorText(r));
    }
  }

  static String errorText(int code) {
    byte[] buf = new byte[256];
    av_strerror(code, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
    if (rgb != null) {
      rgb.close();
      rgb = null;
    }
    if (picture != null) {
      av_frame_free(picture);
      picture = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (codec != null) {
      avcodec_free_context(codec);
      codec = null;
    }
    if (format != null) {
      avformat_close_input(format);
      format = null;
    }
  }
}
