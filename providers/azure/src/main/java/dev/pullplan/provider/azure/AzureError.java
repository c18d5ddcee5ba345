package dev.pullplan.provider.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import java.util.Optional;

/** An error answer from ARM or Graph: status, Azure's error code and message. */
record AzureError(int status, Optional<String> code, Optional<String> message) {

  static Optional<AzureError> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException http && http.getResponse() != null) {
        Optional<String> code = Optional.empty();
        Optional<String> message = Optional.empty();
        if (t instanceof ManagementException arm && arm.getValue() != null) {
          code = Optional.ofNullable(arm.getValue().getCode());
          message = Optional.ofNullable(arm.getValue().getMessage());
        }
        return Optional.of(new AzureError(http.getResponse().getStatusCode(), code, message));
      }
    }
    return Optional.empty();
  }

  boolean is(int expectedStatus, String expectedCode) {
    return status == expectedStatus && code.filter(expectedCode::equalsIgnoreCase).isPresent();
  }
}
