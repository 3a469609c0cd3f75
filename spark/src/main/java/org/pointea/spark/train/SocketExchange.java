package org.pointea.spark.train;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskKilledException;
import org.pointea.models.nn.BatchNormSync;

/**
 * The workers' per-step exchange: TCP connections from every worker to worker 0, set up once
 * through the barrier stage ({@code BarrierTaskContext.allGather} publishes worker 0's address).
 * Spark's own {@code allGather} cannot carry the steps: it polls for its answer once a second, so
 * every call costs up to a second (measured: docs/spark.md). Worker 0 relays: it reads every
 * worker's message in worker order and answers all of them with the same bytes, so every worker
 * sees identical results. A worker that dies closes its connection and the others fail their
 * step (then Spark retries the stage); a killed task stops waiting within a second.
 */
final class SocketExchange implements BatchNormSync, AutoCloseable {
  private static final int POLL_MS = 1000;

  private final BarrierTaskContext ctx;
  private final int rank;
  private final int workers;
  private final ServerSocket server;
  /** Worker 0: the connection of each other worker (index = rank); others: [0] = worker 0. */
  private final Socket[] peers;
  private final DataOutputStream[] outs;

  private SocketExchange(BarrierTaskContext ctx, ServerSocket server, Socket[] peers) throws IOException {
    this.ctx = ctx;
    this.rank = ctx.partitionId();
    this.workers = ctx.getTaskInfos().length;
    this.server = server;
    this.peers = peers;
    this.outs = new DataOutputStream[peers.length];
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] != null) {
        peers[i].setSoTimeout(POLL_MS);
        peers[i].setTcpNoDelay(true);
        outs[i] = new DataOutputStream(new BufferedOutputStream(peers[i].getOutputStream(), 1 << 16));
      }
    }
  }

  /** Connects the workers of the barrier stage (every worker calls it once, at the same point). */
  static SocketExchange open(BarrierTaskContext ctx) throws IOException {
    int rank = ctx.partitionId();
    int workers = ctx.getTaskInfos().length;
    ServerSocket server = null;
    String address = "";
    if (rank == 0) {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(0), workers);
      server.setSoTimeout(POLL_MS);
      String host = ctx.getTaskInfos()[0].address();
      int colon = host.lastIndexOf(':');
      address = (colon > 0 ? host.substring(0, colon) : host) + ":" + server.getLocalPort();
    }
    String published = ctx.allGather(address)[0];
    Socket[] peers = new Socket[rank == 0 ? workers : 1];
    try {
      if (rank == 0) {
        for (int accepted = 1; accepted < workers; ) {
          Socket s = accept(ctx, server);
          int peer = readInt(ctx, s.getInputStream());
          if (peer <= 0 || peer >= workers || peers[peer] != null) {
            s.close();
            throw new IOException("data-parallel exchange: unexpected worker id " + peer);
          }
          peers[peer] = s;
          accepted++;
        }
      } else {
        int colon = published.lastIndexOf(':');
        Socket s = new Socket(published.substring(0, colon), Integer.parseInt(published.substring(colon + 1)));
        new DataOutputStream(s.getOutputStream()).writeInt(rank);
        peers[0] = s;
      }
      return new SocketExchange(ctx, server, peers);
    } catch (IOException | RuntimeException e) {
      for (Socket s : peers) {
        if (s != null) {
          s.close();
        }
      }
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  /** Every worker's message, in worker order, identical on every worker. */
  byte[][] allGather(byte[] local) {
    try {
      byte[][] all = new byte[workers][];
      if (rank == 0) {
        all[0] = local;
        for (int w = 1; w < workers; w++) {
          all[w] = readMessage(peers[w].getInputStream());
        }
        for (int w = 1; w < workers; w++) {
          for (byte[] m : all) {
            outs[w].writeInt(m.length);
            outs[w].write(m);
          }
          outs[w].flush();
        }
      } else {
        outs[0].writeInt(local.length);
        outs[0].write(local);
        outs[0].flush();
        InputStream in = peers[0].getInputStream();
        for (int w = 0; w < workers; w++) {
          all[w] = readMessage(in);
        }
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("data-parallel exchange of worker " + rank + " failed (a worker was lost?)", e);
    }
  }

  /**
   * Worker 0 reduces, everyone gets the result: the workers' vectors are summed in worker order in
   * double and divided by the workers on worker 0, which sends the mean back, so every replica
   * applies the same bits. {@code check} (a step number and a weights checksum) must be equal on all
   * workers, or every worker fails with the difference named.
   */
  float[] mean(float[] local, String check) {
    byte[] tag = check.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer msg = ByteBuffer.allocate(4 + tag.length + local.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    msg.putInt(tag.length).put(tag).asFloatBuffer().put(local);
    try {
      if (rank == 0) {
        double[] sum = new double[local.length];
        String problem = null;
        for (int w = 0; w < workers; w++) {
          ByteBuffer b = ByteBuffer.wrap(w == 0 ? msg.array() : readMessage(peers[w].getInputStream()))
              .order(ByteOrder.LITTLE_ENDIAN);
          byte[] t = new byte[b.getInt()];
          b.get(t);
          String theirs = new String(t, java.nio.charset.StandardCharsets.UTF_8);
          if (!theirs.equals(check) || b.remaining() != local.length * Float.BYTES) {
            problem = "worker " + w + " sent " + theirs + " (" + b.remaining() / Float.BYTES + " values) where worker 0 has "
                + check + " (" + local.length + " values): the replicas are out of step or have diverged";
            continue;
          }
          java.nio.FloatBuffer f = b.asFloatBuffer();
          for (int i = 0; i < sum.length; i++) {
            sum[i] += f.get(i);
          }
        }
        ByteBuffer reply;
        if (problem != null) {
          byte[] p = problem.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          reply = ByteBuffer.allocate(1 + p.length).put((byte) 1).put(p);
        } else {
          reply = ByteBuffer.allocate(1 + local.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0);
          java.nio.FloatBuffer f = reply.asFloatBuffer();
          for (int i = 0; i < sum.length; i++) {
            f.put(i, (float) (sum[i] / workers));
          }
        }
        for (int w = 1; w < workers; w++) {
          outs[w].writeInt(reply.capacity());
          outs[w].write(reply.array());
          outs[w].flush();
        }
        return decodeReply(reply.array());
      }
      outs[0].writeInt(msg.capacity());
      outs[0].write(msg.array());
      outs[0].flush();
      return decodeReply(readMessage(peers[0].getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("data-parallel exchange of worker " + rank + " failed (a worker was lost?)", e);
    }
  }

  private static float[] decodeReply(byte[] reply) {
    if (reply[0] != 0) {
      throw new IllegalStateException("data-parallel step: "
          + new String(reply, 1, reply.length - 1, java.nio.charset.StandardCharsets.UTF_8));
    }
    ByteBuffer b = ByteBuffer.wrap(reply, 1, reply.length - 1).slice().order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[b.remaining() / Float.BYTES];
    b.asFloatBuffer().get(v);
    return v;
  }

  @Override
  public double[][] allGather(double[] local) {
    ByteBuffer b = ByteBuffer.allocate(local.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(local);
    byte[][] all = allGather(b.array());
    double[][] out = new double[all.length][];
    for (int w = 0; w < all.length; w++) {
      ByteBuffer in = ByteBuffer.wrap(all[w]).order(ByteOrder.LITTLE_ENDIAN);
      out[w] = new double[all[w].length / Double.BYTES];
      in.asDoubleBuffer().get(out[w]);
    }
    return out;
  }

  private byte[] readMessage(InputStream in) throws IOException {
    int n = readInt(ctx, in);
    if (n < 0) {
      throw new IOException("data-parallel exchange: bad message length " + n);
    }
    byte[] b = new byte[n];
    readFully(ctx, in, b);
    return b;
  }

  private static int readInt(BarrierTaskContext ctx, InputStream in) throws IOException {
    byte[] b = new byte[4];
    readFully(ctx, in, b);
    return ByteBuffer.wrap(b).getInt();
  }

  /** Reads {@code b.length} bytes, giving up when the task is killed (checked every second). */
  private static void readFully(BarrierTaskContext ctx, InputStream in, byte[] b) throws IOException {
    int at = 0;
    while (at < b.length) {
      int n;
      try {
        n = in.read(b, at, b.length - at);
      } catch (SocketTimeoutException e) {
        checkKilled(ctx);
        continue;
      }
      if (n < 0) {
        throw new EOFException("a worker closed its connection");
      }
      at += n;
    }
  }

  private static Socket accept(BarrierTaskContext ctx, ServerSocket server) throws IOException {
    while (true) {
      try {
        Socket s = server.accept();
        s.setSoTimeout(POLL_MS);
        return s;
      } catch (SocketTimeoutException e) {
        checkKilled(ctx);
      }
    }
  }

  private static void checkKilled(BarrierTaskContext ctx) {
    if (ctx.isInterrupted() || Thread.currentThread().isInterrupted()) {
      throw new TaskKilledException("killed while waiting for the other workers");
    }
  }

  @Override
  public void close() throws IOException {
    for (Socket s : peers) {
      if (s != null) {
        s.close();
      }
    }
    if (server != null) {
      server.close();
    }
  }
}
