package dev.holdout.server.watch;

import dev.holdout.server.auth.Principal;
import dev.holdout.server.auth.Tokens;
import dev.holdout.server.base.ApiException;
import dev.holdout.server.project.Projects;
import dev.holdout.server.store.Database;
import dev.holdout.server.trail.Trail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Service accounts: what the model's serving side holds to write a project's prediction log and
 * outcomes. A service token reads nothing (every other route answers it 403), so a leaked one
 * exposes no evaluation data; the grant, like every account change, is on the audit trail.
 */
public final class Services {
  private final Database db;
  private final Tokens tokens;
  private final Trail trail;
  private final Projects projects;

  public Services(Database db, Tokens tokens, Trail trail, Projects projects) {
    this.db = db;
    this.tokens = tokens;
    this.trail = trail;
    this.projects = projects;
  }

  /** A service account named {@code name} for the project (made if new) and a new token for it, shown once. */
  public Map<String, Object> grant(Principal owner, String projectId, String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiException.badRequest("give the service account a name of 1 to 200 characters: {\"name\": \"scoring-api\"}");
    }
    projects.get(projectId);
    Tokens.Issued issued = db.tx(sql -> {
      Tokens.Issued i = tokens.issue(sql, Principal.Kind.SERVICE, name, owner.name(), trail);
      if (sql.count("SELECT COUNT(*) FROM service_access WHERE project_id = ? AND principal_id = ?", projectId, i.principal().id()) == 0) {
        sql.update("INSERT INTO service_access (project_id, principal_id, granted_at) VALUES (?, ?, ?)", projectId, i.principal().id(),
            System.currentTimeMillis());
        trail.append(sql, owner.name(), "service.granted", projectId, i.principal().id(), Map.of("name", name));
      }
      return i;
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account", issued.principal().name());
    out.put("role", "service");
    out.put("project", projectId);
    out.put("token", issued.token());
    out.put("note", "the token is shown once; it writes this project's log and outcomes and reads nothing");
    return out;
  }

  /** Whether the service account may write the project's log; asked of the store each time, as vendor membership is. */
  public boolean allowed(String projectId, String principalId) {
    return db.read(sql -> sql.count("SELECT COUNT(*) FROM service_access WHERE project_id = ? AND principal_id = ?", projectId, principalId)) > 0;
  }
}
