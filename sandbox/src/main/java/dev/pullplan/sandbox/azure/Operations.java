package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * ARM's long-running operations. The change is made at once; only the answers pretend it takes a
 * while, so the SDK's pollers (Azure-AsyncOperation for PUT, Location for DELETE and POST) run
 * against the same shapes as in Azure.
 */
final class Operations {

  private final Map<String, Operation> running = new HashMap<>();

  private static final class Operation {
    private int remainingPolls;
    private final Optional<Reply> result;
    private final Optional<Integer> retryAfterSeconds;

    private Operation(int remainingPolls, Optional<Reply> result, Optional<Integer> retryAfterSeconds) {
      this.remainingPolls = remainingPolls;
      this.result = result;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** An "in progress" answer, with the {@code Retry-After} ARM would send when set. */
    private Reply running(Reply reply) {
      return retryAfterSeconds.map(s -> reply.withHeader("Retry-After", Integer.toString(s))).orElse(reply);
    }
  }

  /**
   * A PUT's answer: with {@code polls > 0}, {@code status} with the resource still provisioning and
   * an {@code Azure-AsyncOperation} link; else the finished resource.
   */
  Reply put(HttpCall call, SandboxOptions pace, int status, ObjectNode finished, String operationsPath) {
    if (pace.lroPolls() == 0) {
      return Reply.json(status, finished);
    }
    String id = start(pace, Optional.empty());
    ObjectNode provisioning = finished.deepCopy();
    provisioning.withObject("/properties").put("provisioningState", status == 201 ? "Creating" : "Updating");
    return running.get(id).running(Reply.json(status, provisioning)
        .withHeader("Azure-AsyncOperation", link(call, operationsPath + "/operationStatuses/" + id)));
  }

  /**
   * A DELETE's or POST's answer: with {@code polls > 0}, 202 and a {@code Location} that answers 202
   * until it answers {@code finished}; else {@code finished} itself.
   */
  Reply accepted(HttpCall call, SandboxOptions pace, Reply finished, String operationsPath) {
    if (pace.lroPolls() == 0) {
      return finished;
    }
    String id = start(pace, Optional.of(finished));
    return running.get(id).running(
        Reply.empty(202).withHeader("Location", link(call, operationsPath + "/operationResults/" + id)));
  }

  Reply status(String id) {
    Operation op = find(id);
    ObjectNode body = Json.object().put("id", id).put("name", id);
    if (op.remainingPolls > 0) {
      op.remainingPolls--;
      return op.running(Reply.ok(body.put("status", "InProgress")));
    }
    running.remove(id);
    return Reply.ok(body.put("status", "Succeeded"));
  }

  Reply result(HttpCall call, String id) {
    Operation op = find(id);
    if (op.remainingPolls > 0) {
      op.remainingPolls--;
      return op.running(Reply.empty(202).withHeader("Location", link(call, call.path())));
    }
    // dropped once delivered: a generateCredentials result holds passwords
    running.remove(id);
    return op.result.orElse(Reply.empty(204));
  }

  private String start(SandboxOptions pace, Optional<Reply> result) {
    String id = UUID.randomUUID().toString();
    running.put(id, new Operation(pace.lroPolls(), result, pace.lroRetryAfterSeconds()));
    return id;
  }

  private Operation find(String id) {
    Operation op = running.get(id);
    if (op == null) {
      throw ApiException.notFound("OperationNotFound", "The operation '" + id + "' was not found.");
    }
    return op;
  }

  private static String link(HttpCall call, String path) {
    return call.baseUrl() + path + call.query("api-version").map(v -> "?api-version=" + v).orElse("");
  }
}
