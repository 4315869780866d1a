package dev.holdout.server.api;

import dev.holdout.server.project.Project;
import dev.holdout.server.project.ProjectFiles;
import dev.holdout.server.project.Projects;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The routes of a project's files beside its evaluation set ({@link ProjectFiles}) and of its
 * judge key, added to the API's one table so access checks, the OpenAPI document and the security
 * test see them like any other.
 */
public final class FileRoutes {
  private FileRoutes() {}

  public static void add(Api api, Projects projects) {
    api.add(HandlerType.PUT, "/projects/{project}/files/{file}", Api.Access.OWNER,
        "Upload a file the suite names, before the evaluation set: queries (data.queries), history (data.history), baseline (baseline.path), "
            + "a retrieval project's documents or a judged project's human_grades; ?format=csv|tsv|jsonl|parquet. Split with the evaluation set.",
        "the file", (ctx, who) -> {
          Project p = projects.get(ctx.pathParam("project"));
          ctx.json(projects.files().upload(who, p, projects.suite(p, "all"), ctx.pathParam("file"), ctx.bodyInputStream(), Api.extension(ctx),
              p.maxUploadBytes()));
        });
    api.add(HandlerType.GET, "/projects/{project}/files/{file}", Api.Access.MEMBER,
        "Download a project's file: vendors get the documents and the history; the queries reach them as the inputs, without judgements.", null,
        (ctx, who) -> {
          Project p = projects.get(ctx.pathParam("project"));
          Path f = projects.files().download(who, p, ctx.pathParam("file"));
          String name = f.getFileName().toString();
          String lower = name.toLowerCase(Locale.ROOT);
          ctx.contentType(lower.endsWith(".csv") ? "text/csv; charset=utf-8" : lower.endsWith(".tsv") ? "text/tab-separated-values; charset=utf-8"
              : lower.endsWith(".jsonl") ? "application/jsonl" : "application/octet-stream");
          ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
          ctx.result(Files.newInputStream(f));
        });
    api.add(HandlerType.PUT, "/projects/{project}/judge-key", Api.Access.OWNER,
        "Give the server the API key of the suite's judge (the request body); it is kept on the server, never shown, and sent only to the judge's URL.",
        "the key, as text", (ctx, who) -> {
          Project p = projects.get(ctx.pathParam("project"));
          byte[] body = ctx.bodyInputStream().readNBytes(4097);
          projects.files().judgeKey(who, p, projects.suite(p, "all"), new String(body, StandardCharsets.UTF_8));
          ctx.json(Map.of("judge_key", "set"));
        });
  }
}
