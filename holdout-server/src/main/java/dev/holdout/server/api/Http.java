package dev.holdout.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.base.HoldoutException;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import dev.holdout.server.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The API on Javalin: its routes, and the one place that turns every failure into the error shape
 * {@code {"error": advice, "status": N, "details": {...}}}: an {@link ApiException} with its status,
 * a {@link StoreException} as 409 (a clash with a concurrent change) or 503 (the database is
 * unreachable), any other {@link HoldoutException} as 400, and only a bug as 500, without a trace.
 * Requests Jetty refuses before routing (a URL over 8 KiB: 414, headers over 8 KiB: 431, a
 * malformed request line: 400) get the same JSON shape instead of Jetty's HTML page. Messages
 * are bounded ({@link Bounded#message}).
 */
public final class Http {
  private static final Logger LOG = Logger.getLogger(Http.class.getName());
  /** Set on a request whose answer is already written (an error in the JSON shape, or a web page), so the 404 and 405 handlers leave it. */
  public static final String ERROR_SET = "holdout.error";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  public static Javalin create(Api api) {
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
      config.http.maxRequestSize = 1L << 20;
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
    });
    for (Api.Route r : api.routes()) {
      app.addHttpHandler(r.method(), r.path(), ctx -> r.handler().handle(ctx, api.authorize(ctx, r)));
    }
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.details()));
    app.exception(StoreException.class, (e, ctx) -> {
      LOG.log(Level.WARNING, "request " + ctx.method() + " " + ctx.path() + ": the store failed", e);
      if (e.conflict()) error(ctx, 409, "another request changed the same thing at the same moment; send this one again", null);
      else error(ctx, 503, e.getMessage() + "; try again shortly (the server's log has the details)", null);
    });
    app.exception(HoldoutException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.log(Level.SEVERE, "request " + ctx.method() + " " + ctx.path() + " failed", e);
      error(ctx, 500, "the server could not complete this request; its log has the details", null);
    });
    app.error(404, ctx -> {
      if (ctx.attribute(ERROR_SET) == null) error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path() + "; the API is described at /api/v1/openapi.json", null);
    });
    app.error(405, ctx -> {
      if (ctx.attribute(ERROR_SET) == null) error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; see /api/v1/openapi.json", null);
    });
    return app;
  }

  private static void error(Context ctx, int status, String message, Map<String, Object> details) {
    ctx.attribute(ERROR_SET, true);
    ctx.status(status).json(body(status, message, details));
  }

  static Map<String, Object> body(int status, String message, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", Bounded.message(message));
    body.put("status", status);
    if (details != null) body.put("details", details);
    return body;
  }

  private static byte[] bytes(int status, String message) {
    try {
      return JSON.writeValueAsBytes(body(status, message, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String advice(int status, String reason) {
    return switch (status) {
      case 414 -> "the URL is longer than this server takes (8 KiB); send long values in the request body";
      case 431 -> "the request's headers are larger than this server takes (8 KiB in all); send fewer or shorter headers";
      case 413 -> "the request is larger than this server takes; see max_upload_bytes for uploads";
      default -> "the request could not be read (" + (reason == null ? "status " + status : reason) + "); check the URL, method and headers";
    };
  }

  /** Jetty's own error answers (before and outside Javalin's routing) as the API's JSON error shape. */
  static final class JsonErrors extends ErrorHandler {
    JsonErrors() {
      setShowStacks(false);
      setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json");
      return ByteBuffer.wrap(bytes(status, advice(status, reason)));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
        throws IOException {
      baseRequest.setHandled(true);
      response.setContentType("application/json");
      response.getOutputStream().write(bytes(code, advice(code, message)));
    }
  }
}
