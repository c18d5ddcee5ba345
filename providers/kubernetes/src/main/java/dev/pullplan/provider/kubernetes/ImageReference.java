package dev.pullplan.provider.kubernetes;

import java.util.Locale;

/** The registry host of an image reference, the way a container runtime resolves it. */
final class ImageReference {
  private static final String DOCKER_HUB = "docker.io";

  private ImageReference() {}

  /** {@code ghcr.io/acme/web:1} → {@code ghcr.io}; {@code nginx} and {@code acme/web} → {@code docker.io}. */
  static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return DOCKER_HUB;
    }
    String first = image.substring(0, slash);
    boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    return isHost ? normalize(first) : DOCKER_HUB;
  }

  /** A dockerconfigjson server key as a host: {@code https://index.docker.io/v1/} → {@code docker.io}. */
  static String normalize(String server) {
    String host = server.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? DOCKER_HUB : host;
  }
}
