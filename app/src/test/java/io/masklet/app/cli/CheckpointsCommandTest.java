package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code masklet checkpoints download} against a local HTTP server on 127.0.0.1 that serves the
 * micro fixture checkpoint under the tiny checkpoint's file name, with HTTP Range support and an
 * optional connection drop in the middle of the first full response.
 */
class CheckpointsCommandTest {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  @TempDir Path tmp;
  private HttpServer server;
  private byte[] payload;
  /** Bytes after which the next full (non-range) response is cut off; -1: never. */
  private volatile long dropAfter = -1;
  private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    payload = Files.readAllBytes(SharedData.microCheckpoint());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ckpt/sam2.1_hiera_tiny.pt", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ckpt/";
  }

  private void serve(HttpExchange ex) throws IOException {
    String range = ex.getRequestHeaders().getFirst("Range");
    rangeHeaders.add(range == null ? "" : range);
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        from = Integer.parseInt(m.group(1));
      }
    }
    if (from >= payload.length) {
      ex.getResponseHeaders().add("Content-Range", "bytes */" + payload.length);
      ex.sendResponseHeaders(416, -1);
      ex.close();
      return;
    }
    if (from > 0) {
      ex.getResponseHeaders()
          .add("Content-Range", "bytes " + from + "-" + (payload.length - 1) + "/" + payload.length);
      ex.sendResponseHeaders(206, payload.length - from);
    } else {
      ex.sendResponseHeaders(200, payload.length);
    }
    OutputStream out = ex.getResponseBody();
    long drop = dropAfter;
    if (from == 0 && drop > 0) {
      dropAfter = -1;
      out.write(payload, 0, (int) drop);
      out.flush();
      // Abort the exchange without finishing the declared length: the client sees a cut-off body.
      throw new IOException("simulated connection drop");
    }
    out.write(payload, from, payload.length - from);
    out.close();
  }

  @Test
  void downloadsTheCheckpointAndRenamesItIntoPlaceOnlyWhenComplete() throws IOException {
    Path dir = tmp.resolve("checkpoints");
    CliRun run = download("t", dir);
    assertEquals(0, run.exitCode(), run.toString());
    Path file = dir.resolve("sam2.1_hiera_tiny.pt");
    assertArrayEquals(payload, Files.readAllBytes(file));
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_tiny.pt.part")), "no .part left behind");
    assertEquals(List.of(""), rangeHeaders, "one plain GET");

    CliRun again = download("tiny", dir);
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.out().contains("already present"), again.toString());
    assertEquals(1, rangeHeaders.size(), "a present, valid checkpoint is not fetched again");
  }

  @Test
  void anInterruptedDownloadLeavesOnlyAPartFileAndTheNextRunResumesWithARangeRequest()
      throws IOException {
    Path dir = tmp.resolve("checkpoints");
    int cut = payload.length / 3;
    dropAfter = cut;
    CliRun first = download("t", dir);
    assertEquals(2, first.exitCode(), first.toString());
    assertTrue(first.err().contains("run the same command again to resume"), first.toString());
    assertEquals(1, first.err().strip().lines().filter(l -> l.contains("download:")).count());
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_tiny.pt")), "no final file after a cut");
    Path part = dir.resolve("sam2.1_hiera_tiny.pt.part");
    long partial = Files.size(part);
    assertTrue(partial > 0 && partial < payload.length, "partial bytes kept: " + partial);

    CliRun second = download("t", dir);
    assertEquals(0, second.exitCode(), second.toString());
    assertEquals("bytes=" + partial + "-", rangeHeaders.get(1), "second request resumes");
    assertTrue(second.out().contains("resumed at " + partial), second.toString());
    assertArrayEquals(payload, Files.readAllBytes(dir.resolve("sam2.1_hiera_tiny.pt")));
    assertFalse(Files.exists(part));
  }

  /** Downloads SIZE from the local server, checked against the micro config it really is. */
  private CliRun download(String size, Path dir) {
    return CliRun.of("checkpoints", "download", size, "--dir", dir.toString(), "--base-url",
        baseUrl(), "--config", SharedData.microConfig().toString());
  }

  @Test
  void aCheckpointWhoseShapesAreNotTheOfficialConfigsIsRejectedAndNotRenamedIntoPlace() {
    // The micro checkpoint served as sam2.1_hiera_tiny.pt: a valid zip, wrong network.
    Path dir = tmp.resolve("checkpoints");
    CliRun run = CliRun.of("checkpoints", "download", "t", "--dir", dir.toString(), "--base-url", baseUrl());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("does not fit sam2.1_hiera_t.yaml"), run.toString());
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_tiny.pt")));
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_tiny.pt.part")));
  }

  @Test
  void aServerThatDoesNotServeTheFileIsReportedWithItsStatus() {
    Path dir = tmp.resolve("checkpoints");
    CliRun run = CliRun.of("checkpoints", "download", "s", "--dir", dir.toString(), "--base-url", baseUrl());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("sam2.1_hiera_small.pt answered HTTP 404"), run.toString());
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_small.pt")));
  }

  @Test
  void aFileThatIsNotACheckpointIsRejectedAndNotRenamedIntoPlace() throws IOException {
    payload = "<html>captive portal</html>".getBytes();
    Path dir = tmp.resolve("checkpoints");
    CliRun run = download("t", dir);
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("not a valid sam2.1_hiera_tiny.pt"), run.toString());
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_tiny.pt")));
    assertFalse(Files.exists(dir.resolve("sam2.1_hiera_tiny.pt.part")));
  }

  @Test
  void offlineGivesOneClearLineAndExitCode2() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Path dir = tmp.resolve("checkpoints");
    CliRun run =
        CliRun.of("checkpoints", "download", "l", "--dir", dir.toString(),
            "--base-url", "http://127.0.0.1:" + closedPort + "/");
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(run.err().contains("cannot reach 127.0.0.1 (offline?)"), run.toString());
  }

  @Test
  void anUnknownSizeIsBadInput() {
    CliRun run = CliRun.of("checkpoints", "download", "xl", "--dir", tmp.toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("unknown checkpoint size 'xl'"), run.toString());
  }

  @Test
  void listOfADirThatIsNotThereIsBadInputNamingIt() throws IOException {
    Path typo = tmp.resolve("chekpoints");
    CliRun run = CliRun.of("checkpoints", "list", "--dir", typo.toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(run.err().contains("--dir " + typo + ": no such folder"), run.toString());
    assertTrue(run.out().isEmpty(), "no list of a folder that is not there: " + run);

    Path file = Files.write(tmp.resolve("sam2.1_hiera_tiny.pt"), new byte[10]);
    CliRun notFolder = CliRun.of("checkpoints", "list", "--dir", file.toString());
    assertEquals(2, notFolder.exitCode(), notFolder.toString());
    assertTrue(notFolder.err().contains("--dir " + file + ": not a folder"), notFolder.toString());
  }

  @Test
  void listShowsPresentPartialAndMissingCheckpoints() throws IOException {
    Files.write(tmp.resolve("sam2.1_hiera_tiny.pt"), new byte[10]);
    Files.write(tmp.resolve("sam2.1_hiera_large.pt.part"), new byte[3]);
    CliRun run = CliRun.of("checkpoints", "list", "--dir", tmp.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("sam2.1_hiera_tiny.pt         present (10 bytes)"), run.out());
    assertTrue(run.out().contains("sam2.1_hiera_large.pt        partial (3 bytes"), run.out());
    assertTrue(run.out().contains("sam2.1_hiera_small.pt        missing"), run.out());
  }
}
