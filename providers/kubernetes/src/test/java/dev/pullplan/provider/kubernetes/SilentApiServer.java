package dev.pullplan.provider.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An API server that accepts every connection and never answers: no status line, no headers, as
 * a hung API server or a load balancer without a backend leaves a client.
 */
final class SilentApiServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentApiServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptForever, "silent-api-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptForever() {
    try {
      while (!socket.isClosed()) {
        // held open and unread: the request is sent, its answer never comes
        accepted.add(socket.accept());
      }
    } catch (IOException closed) {
      // close() ends the wait
    }
  }

  /** How many connections it took: every one a call that got no answer. */
  int accepted() {
    return accepted.size();
  }

  String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  @Override
  public void close() {
    try {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
