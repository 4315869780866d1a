package dev.holdout.server.watch;

import dev.holdout.server.api.Api;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.base.Bounded;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routes of the prediction log, the judged windows and the alerts, added to the API's one
 * table (so access checks, the OpenAPI document and the security test see them like any other).
 */
public final class WatchRoutes {
  private WatchRoutes() {}

  public static void add(Api api, Services services, PredictionLog log, Watch watch, Alerts alerts) {
    api.serviceAccess(services::allowed);
    api.add(HandlerType.POST, "/projects/{project}/services", Api.Access.OWNER,
        "A service account for the project (made if new) and a new token for it, shown once: it writes the prediction log and outcomes, and reads nothing.",
        "{\"name\": \"scoring-api\"}", (ctx, who) -> {
          Object name = Api.body(ctx).get("name");
          ctx.status(201).json(services.grant(who, ctx.pathParam("project"), name instanceof String s ? s : null));
        });
    api.add(HandlerType.POST, "/projects/{project}/log", Api.Access.LOG,
        "Append a batch of the prediction log (CSV with a header, or JSON Lines with ?format=jsonl): id, time, features, the model's outputs. "
            + "Name the batch in the Idempotency-Key header (or ?batch=): the same batch again answers the first acknowledgement.",
        "the batch (CSV or JSON Lines)", (ctx, who) -> append(ctx, log, LogBatch.Kind.LOG));
    api.add(HandlerType.POST, "/projects/{project}/outcomes", Api.Access.LOG,
        "Append a batch of outcomes (the suite's id and label columns) for logged rows, as they become known; named like log batches.",
        "the batch (CSV or JSON Lines)", (ctx, who) -> append(ctx, log, LogBatch.Kind.OUTCOMES));
    api.add(HandlerType.GET, "/projects/{project}/monitor", Api.Access.OWNER,
        "Every judged window of the prediction log, oldest first, each with its holdout.monitor/v1 report (drift, realized and estimated "
            + "performance, data quality, volume, the shadow challenger) and its alerts; ?window=LABEL answers that window alone.", null,
        (ctx, who) -> ctx.json(windows(watch, ctx)));
    api.add(HandlerType.GET, "/projects/{project}/windows", Api.Access.OWNER,
        "The same as /projects/{project}/monitor (the name it had first).", null, (ctx, who) -> ctx.json(windows(watch, ctx)));
    api.add(HandlerType.PUT, "/projects/{project}/alerts", Api.Access.OWNER,
        "Set the project's alert webhooks; answers them with the secret that signs each alert (X-Holdout-Signature).",
        "{\"webhooks\": [\"https://...\"]}", (ctx, who) -> ctx.json(alerts.configure(who, ctx.pathParam("project"), Api.body(ctx).get("webhooks"))));
    api.add(HandlerType.GET, "/projects/{project}/alerts", Api.Access.OWNER, "The alerts the project's windows raised, with each webhook's delivery.", null,
        (ctx, who) -> ctx.json(alerts.list(ctx.pathParam("project"))));
  }

  private static List<Map<String, Object>> windows(Watch watch, Context ctx) {
    List<Map<String, Object>> all = watch.windows(ctx.pathParam("project"));
    String only = ctx.queryParam("window");
    if (only == null) return all;
    List<Map<String, Object>> one = all.stream().filter(w -> only.equals(w.get("window"))).toList();
    if (one.isEmpty()) throw ApiException.notFound("no judged window '" + Bounded.echo(only) + "'; GET .../monitor lists them");
    return one;
  }

  private static void append(Context ctx, PredictionLog log, LogBatch.Kind kind) throws Exception {
    String batch = ctx.header("Idempotency-Key");
    if (batch == null) batch = ctx.queryParam("batch");
    String format = ctx.queryParam("format");
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    boolean jsonl = format != null ? switch (format.toLowerCase(Locale.ROOT)) {
      case "jsonl", "ndjson" -> true;
      case "csv" -> false;
      default -> throw ApiException.badRequest("format: expected csv or jsonl");
    } : type.contains("json");
    PredictionLog.Ack ack = log.append(ctx.pathParam("project"), batch == null ? null : batch.strip(), ctx.bodyInputStream(), jsonl, kind);
    if (ack.replay()) ctx.header("Idempotent-Replay", "true");
    ctx.contentType("application/json").result(ack.json());
  }
}
