package io.masklet.app.cli.checkpoints;

import io.masklet.app.cli.CliProgress;
import io.masklet.app.cli.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one checkpoint into a directory so that an interrupted run can be resumed and a
 * half-downloaded file is never mistaken for a checkpoint: bytes go to {@code <name>.part}; a
 * re-run asks the server for the rest with an HTTP {@code Range} request; only a complete file
 * that passes the validator is renamed (atomically) to {@code <name>}.
 */
public final class CheckpointDownloader {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes\\s+(\\d+|\\*)-?(\\d*)/(\\d+|\\*)");

  /** What happened to one checkpoint. */
  public record Outcome(Path file, long bytes, boolean alreadyPresent, long resumedFrom) {}

  private final HttpClient http;
  private final URI baseUrl;
  private final CheckpointValidator validator;

  public CheckpointDownloader(URI baseUrl, CheckpointValidator validator) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
    this.validator = validator;
  }

  public Outcome download(OfficialCheckpoint which, Path dir) {
    Path target = dir.resolve(which.fileName());
    if (Files.isRegularFile(target)) {
      try {
        validator.validate(target, which);
      } catch (UserInputException ex) {
        throw new UserInputException(
            ex.getMessage() + " (delete " + target + " to download it again)", ex);
      }
      return new Outcome(target, size(target), true, 0);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException ex) {
      throw new UserInputException("cannot create checkpoint directory " + dir + ": " + ex, ex);
    }
    Path part = dir.resolve(which.fileName() + ".part");
    URI url = baseUrl.resolve(which.fileName());
    long resumedFrom = Files.isRegularFile(part) ? size(part) : 0;
    long total = fetch(url, part, resumedFrom, which.fileName());
    try {
      validator.validate(part, which);
    } catch (UserInputException ex) {
      // A complete file that fails validation will not get better by resuming: start clean.
      deleteQuietly(part);
      throw new UserInputException(
          "downloaded " + url + " but it is not a valid " + which.fileName() + ": " + ex.getMessage(),
          ex);
    }
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UserInputException("cannot rename " + part + " to " + target + ": " + ex, ex);
    }
    return new Outcome(target, total, false, resumedFrom);
  }

  /** Brings {@code part} to the full length of {@code url}; returns that length. */
  private long fetch(URI url, Path part, long have, String label) {
    HttpResponse<InputStream> response = send(url, have);
    int status = response.statusCode();
    boolean append;
    long total;
    if (status == 206 && have > 0) {
      long[] range = contentRange(response, url);
      if (range[0] != have) {
        close(response);
        throw new UserInputException(
            url + " resumed at byte " + range[0] + " instead of " + have + "; delete " + part
                + " and run again");
      }
      append = true;
      total = range[1];
    } else if (status == 416 && have > 0) {
      // Nothing left to send: either the .part is already whole or it is longer than the file.
      close(response);
      long[] range = contentRange(response, url);
      if (range[1] == have) {
        return have;
      }
      deleteQuietly(part);
      return fetch(url, part, 0, label);
    } else if (status == 200) {
      append = false; // the server ignored the range (or there was none): start over
      have = 0;
      total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    } else {
      close(response);
      throw new UserInputException(url + " answered HTTP " + status);
    }
    long written = have;
    try (InputStream in = response.body();
        FileChannel ch =
            FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
        CliProgress progress = CliProgress.bytes(label, total, have)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        written += n;
        progress.stepBy(n);
      }
      out.flush();
      ch.force(true);
    } catch (IOException ex) {
      throw new UserInputException(
          "download of " + url + " interrupted after " + written + " of "
              + (total < 0 ? "?" : String.valueOf(total)) + " bytes (" + ex.getMessage()
              + "); run the same command again to resume",
          ex);
    }
    if (total >= 0 && written != total) {
      throw new UserInputException(
          "download of " + url + " stopped after " + written + " of " + total
              + " bytes; run the same command again to resume");
    }
    return written;
  }

  private HttpResponse<InputStream> send(URI url, long from) {
    HttpRequest.Builder req = HttpRequest.newBuilder(url).GET();
    if (from > 0) {
      req.header("Range", "bytes=" + from + "-");
    }
    try {
      return http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new UserInputException("download of " + url + " interrupted", ex);
    } catch (IOException ex) {
      if (isUnreachable(ex)) {
        throw new UserInputException(
            "cannot reach " + url.getHost() + " (offline?): " + describe(ex)
                + "; run again when online, or copy the .pt files into the checkpoint directory",
            ex);
      }
      throw new UserInputException("download of " + url + " failed: " + describe(ex), ex);
    }
  }

  private static boolean isUnreachable(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof HttpConnectTimeoutException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable ex) {
    Throwable root = ex;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null ? "" : " " + msg);
  }

  /** {@code {first byte, total length}} from a Content-Range header ({@code -1} if unknown). */
  private static long[] contentRange(HttpResponse<?> response, URI url) {
    Optional<String> header = response.headers().firstValue("Content-Range");
    Matcher m = CONTENT_RANGE.matcher(header.orElse(""));
    if (!m.find()) {
      throw new UserInputException(
          url + " sent a partial response without a usable Content-Range header: "
              + header.orElse("(none)"));
    }
    long first = m.group(1).equals("*") ? -1 : Long.parseLong(m.group(1));
    long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    return new long[] {first, total};
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing more to read from a response we are discarding
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException ex) {
      throw new UserInputException("cannot read " + p + ": " + ex, ex);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover .part is harmless: the next run overwrites or resumes it
    }
  }
}
