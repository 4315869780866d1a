package dev.holdout.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.0 document of the API, built from the same route table that serves it, so the two cannot disagree. */
public final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  private OpenApi() {}

  public static Map<String, Object> document(List<Api.Route> routes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "Holdout API", "version", "1",
        "description", "Hidden evaluation sets, vendor submissions, a Ladder leaderboard, champion and challenger, and a hash-chained audit log. "
            + "Send 'Authorization: Bearer <token>'. Errors are {\"error\": advice, \"status\": N} with structured evidence under \"details\" "
            + "where there is some."));
    doc.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Api.Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("summary", r.summary());
      op.put("x-access", r.access().name().toLowerCase(Locale.ROOT));
      List<Map<String, Object>> params = new ArrayList<>();
      Matcher m = PARAM.matcher(r.path());
      while (m.find()) params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
      if (!params.isEmpty()) op.put("parameters", params);
      if (r.body() != null) {
        op.put("requestBody", Map.of("required", true, "description", r.body(),
            "content", Map.of(r.body().startsWith("{") || r.body().startsWith("a JSON") ? "application/json" : "application/octet-stream", Map.of())));
      }
      if (r.access() != Api.Access.PUBLIC) op.put("security", List.of(Map.of("bearer", List.of())));
      Map<String, Object> responses = new LinkedHashMap<>();
      responses.put(switch (r.method()) {
        case POST -> r.summary().contains("202") ? "202" : r.path().endsWith("/champion") || r.path().endsWith("/rollback") ? "200" : "201";
        default -> "200";
      }, Map.of("description", "done"));
      if (r.access() != Api.Access.PUBLIC) {
        responses.put("401", Map.of("description", "no token or an invalid one"));
        if (r.access() != Api.Access.ANY) responses.put("403", Map.of("description", "the caller's role or project membership does not allow it"));
      }
      responses.put("4XX", Map.of("description", "bad input: {\"error\": what to do, \"status\": N}"));
      op.put("responses", responses);
      item.put(r.method().name().toLowerCase(Locale.ROOT), op);
    }
    doc.put("paths", paths);
    return doc;
  }
}
