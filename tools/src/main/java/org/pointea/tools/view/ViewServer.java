package org.pointea.tools.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local web server of {@code pointea view}: it listens on 127.0.0.1 only, on a random free
 * port, and answers only requests whose path starts with a random 128-bit token and whose
 * {@code Host} header names the loopback address (which also defeats DNS rebinding). Everything
 * else gets 403 with an empty body. It serves the page and its script from the jar, the scene
 * description and one binary payload per file; it reads nothing from the disk after start.
 *
 * <pre>{@code
 * try (ViewServer server = ViewServer.start(scene)) {
 *     System.out.println(server.url());   // http://127.0.0.1:41234/5f0c...e2/
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class ViewServer implements AutoCloseable {
  /** Where the page and its script lie on the class path. */
  static final String WEB = "/org/pointea/tools/view/web/";

  private final HttpServer http;
  private final ExecutorService executor;
  private final String token;
  private final ViewScene scene;
  private final byte[] page;
  private final byte[] script;
  private final Object closed = new Object();
  private boolean isClosed;

  private ViewServer(ViewScene scene, int port) throws IOException {
    this.scene = scene;
    this.page = resource("index.html");
    this.script = resource("app.js");
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    this.token = HexFormat.of().formatHex(secret);
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "pointea-view");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
  }

  /**
   * Starts a server for a scene on a random free port of 127.0.0.1.
   *
   * @param scene what to show
   * @return the running server
   * @throws IOException when the page is missing from the jar or no port can be opened
   */
  public static ViewServer start(ViewScene scene) throws IOException {
    return start(scene, 0);
  }

  /**
   * Starts a server for a scene on 127.0.0.1.
   *
   * @param scene what to show
   * @param port the port, or 0 for a random free one
   * @return the running server
   * @throws IOException when the page is missing from the jar or the port cannot be opened
   */
  public static ViewServer start(ViewScene scene, int port) throws IOException {
    return new ViewServer(scene, port);
  }

  /** Returns the page's address, token included: {@code http://127.0.0.1:PORT/TOKEN/}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/" + token + "/";
  }

  /** Returns the port listened on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Returns the address listened on (the loopback address). */
  public InetAddress address() {
    return http.getAddress().getAddress();
  }

  /**
   * Blocks until {@link #close()} is called (from another thread or a shutdown hook).
   *
   * @throws InterruptedException when interrupted
   */
  public void awaitClose() throws InterruptedException {
    synchronized (closed) {
      while (!isClosed) {
        closed.wait();
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    synchronized (closed) {
      isClosed = true;
      closed.notifyAll();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String prefix = "/" + token + "/";
      if (!ex.getRemoteAddress().getAddress().isLoopbackAddress() || !hostAllowed(ex)
          || !startsWithToken(path, prefix)) {
        send(ex, 403, "text/plain", new byte[0]);
        return;
      }
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        send(ex, 405, "text/plain", new byte[0]);
        return;
      }
      String rest = path.substring(prefix.length());
      switch (rest) {
        case "", "index.html" -> send(ex, 200, "text/html; charset=utf-8", page);
        case "app.js" -> send(ex, 200, "text/javascript; charset=utf-8", script);
        case "scene.json" -> send(ex, 200, "application/json",
            scene.json().getBytes(StandardCharsets.UTF_8));
        default -> {
          int k = itemIndex(rest);
          if (k < 0) {
            send(ex, 404, "text/plain", new byte[0]);
          } else {
            send(ex, 200, "application/octet-stream", scene.payload(k));
          }
        }
      }
    }
  }

  private int itemIndex(String rest) {
    if (!rest.startsWith("item/") || !rest.endsWith(".bin")) {
      return -1;
    }
    String digits = rest.substring(5, rest.length() - 4);
    if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int k = Integer.parseInt(digits);
    return k < scene.items().size() ? k : -1;
  }

  private boolean startsWithToken(String path, String prefix) {
    if (path == null || path.length() < prefix.length()) {
      return false;
    }
    return MessageDigest.isEqual(path.substring(0, prefix.length()).getBytes(StandardCharsets.UTF_8),
        prefix.getBytes(StandardCharsets.UTF_8));
  }

  private boolean hostAllowed(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1:" + port()) || h.equals("localhost:" + port());
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    var headers = ex.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
        + " img-src 'self' data:; frame-ancestors 'none'");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ViewServer.class.getResourceAsStream(WEB + name)) {
      if (in == null) {
        throw new IOException("this pointea build has no viewer page (" + name + " is missing from"
            + " the jar: it was built with -Dpointea.web.skip=true or without npm); rebuild with"
            + " node and npm on the PATH: mvn -B -q -DskipTests package");
      }
      return in.readAllBytes();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
