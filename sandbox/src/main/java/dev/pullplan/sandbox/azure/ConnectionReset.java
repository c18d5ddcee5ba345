package dev.pullplan.sandbox.azure;

/**
 * Thrown by a route after it did its work, to drop the connection instead of answering: what a
 * client sees when a network reset loses the response to a request that the service carried out.
 */
final class ConnectionReset extends RuntimeException {
  ConnectionReset() {
    super("connection reset by the sandbox after the request was carried out", null, false, false);
  }
}
