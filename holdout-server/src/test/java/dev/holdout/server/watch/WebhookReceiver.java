package dev.holdout.server.watch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook on 127.0.0.1 that records every request it gets (and can refuse the first few with 503). */
final class WebhookReceiver implements AutoCloseable {
  record Call(String alertId, String signature, String body) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile int refuse;

  WebhookReceiver(int refuseFirst) throws IOException {
    refuse = refuseFirst;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = 200;
      synchronized (this) {
        if (refuse > 0) {
          refuse--;
          status = 503;
        } else {
          calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Holdout-Alert"), exchange.getRequestHeaders().getFirst("X-Holdout-Signature"), body));
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
