package org.pointea.tools.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

/**
 * The viewer's server answers only on 127.0.0.1, only with the token in the path, and only for
 * a loopback Host header (raw HTTP over sockets, so the Host header is the test's to choose).
 */
class ViewServerTest {
  private ViewServer server;
  private ViewScene scene;

  @BeforeEach
  void start() throws IOException {
    scene = ViewScene.builder().add("a.ply", PointCloud.of(new float[] {1, 2, 3, 4, 5, 6}))
        .build();
    server = ViewServer.start(scene);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private record Reply(int status, byte[] body) {}

  private Reply get(String path, String host) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] all = in.readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(text.substring(9, 12));
      int bodyAt = text.indexOf("\r\n\r\n") + 4;
      byte[] body = java.util.Arrays.copyOfRange(all, bodyAt, all.length);
      return new Reply(status, body);
    }
  }

  private String token() {
    String url = server.url();
    return url.substring(url.lastIndexOf('/', url.length() - 2) + 1, url.length() - 1);
  }

  private String host() {
    return "127.0.0.1:" + server.port();
  }

  @Test
  void listensOnTheLoopbackAddressWithARandomPortAndToken() throws IOException {
    assertThat(server.address().isLoopbackAddress()).isTrue();
    assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+/[0-9a-f]{32}/");
    try (ViewServer other = ViewServer.start(scene)) {
      assertThat(other.url()).isNotEqualTo(server.url());
    }
  }

  @Test
  void servesThePageTheSceneAndThePayloadWithTheToken() throws IOException {
    String t = "/" + token() + "/";
    assertThat(get(t, host()).status()).isEqualTo(200);
    assertThat(new String(get(t, host()).body(), StandardCharsets.UTF_8)).contains("app.js");
    assertThat(get(t + "scene.json", host()).body()).isEqualTo(
        scene.json().getBytes(StandardCharsets.UTF_8));
    assertThat(get(t + "item/0.bin", host()).body()).isEqualTo(scene.payload(0));
    assertThat(get(t + "item/1.bin", host()).status()).isEqualTo(404);
    assertThat(get(t + "../../etc/passwd", host()).status()).isEqualTo(404);
    assertThat(get(t, "localhost:" + server.port()).status()).isEqualTo(200);
  }

  @Test
  void refusesEverythingWithoutTheRightToken() throws IOException {
    String t = token();
    String wrong = (t.charAt(0) == 'a' ? 'b' : 'a') + t.substring(1);
    for (String path : new String[] {"/", "/scene.json", "/item/0.bin", "/" + wrong + "/",
        "/" + wrong + "/scene.json", "/" + t, "/" + t.substring(0, 31) + "/scene.json"}) {
      Reply r = get(path, host());
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).isEmpty();
    }
  }

  @Test
  void refusesAForeignHostHeaderEvenWithTheToken() throws IOException {
    // a page on another site that rebinds its name to 127.0.0.1 sends its own name as Host
    assertThat(get("/" + token() + "/scene.json", "evil.example:" + server.port()).status())
        .isEqualTo(403);
    assertThat(get("/" + token() + "/scene.json", "127.0.0.1:1").status()).isEqualTo(403);
  }

  @Test
  void isNotReachableOnOtherAddressesOfThisMachine() throws IOException {
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces())
        .stream().flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(),
        "this machine has no non-loopback IPv4 address to try");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(external.get(), server.port()), 2_000);
      throw new AssertionError("connected to " + external.get() + ":" + server.port());
    } catch (IOException expected) {
      assertThat(expected).isNotInstanceOf(AssertionError.class);
    }
  }
}
