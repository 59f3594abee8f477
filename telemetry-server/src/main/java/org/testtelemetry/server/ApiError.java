package org.testtelemetry.server;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every error answer of the API, in one shape:
 * {@code {"message": "...", "error": "invalid_report", "status": 400, "violations": [{"pointer": "/metrics",
 * "message": "..."}]}}. {@code message} comes first: the client's one line shows the first {@code message} field.
 */
final class ApiError extends RuntimeException {

    /** One problem in a request body: an RFC 6901 JSON pointer ("" for the whole document) and what is wrong. */
    record Violation(String pointer, String message) { }

    final int status;
    final String code;
    final List<Violation> violations;
    /** Seconds for a Retry-After header, or -1. */
    final long retryAfterSeconds;

    ApiError(int status, String code, String message, List<Violation> violations, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, List.of(), -1);
    }

    static ApiError invalid(String message, List<Violation> violations) {
        return new ApiError(400, "invalid_report", message, violations, -1);
    }

    static ApiError retryLater(int status, String code, String message, long seconds) {
        return new ApiError(status, code, message, List.of(), Math.max(1, seconds));
    }

    byte[] body() {
        ObjectNode root = Json.object();
        root.put("message", getMessage());
        root.put("error", code);
        root.put("status", status);
        ArrayNode list = root.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("pointer", v.pointer()).put("message", v.message());
        }
        return Json.bytes(root);
    }
}
