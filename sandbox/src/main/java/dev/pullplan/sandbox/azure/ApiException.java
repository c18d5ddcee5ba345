package dev.pullplan.sandbox.azure;

import java.util.Map;

/**
 * An error answer: ARM and Graph render it as {@code {"error":{"code","message"}}}, the token
 * endpoint as an OAuth error. Messages never carry secret values.
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> headers;

  ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  ApiException(int status, String code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, String> headers() {
    return headers;
  }

  static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }
}
