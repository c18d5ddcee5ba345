package dev.pullplan.provider.kubernetes;

import dev.pullplan.address.Address;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Between a {@code k8s_secret} resource's attributes and the Secret object. No API calls. */
final class SecretMapping {
  static final String DATA_KEY = ".dockerconfigjson";

  private SecretMapping() {}

  /**
   * The Secret as pullplan wants it. Built on {@code current} when there is one, keeping its
   * {@code resourceVersion} and the labels and annotations other tools put there — but not the
   * credential fingerprint older versions wrote: an unkeyed SHA-256 of server, username and
   * password, which let anyone who may read annotations (not data) test guesses of a weak password
   * offline. Nothing needs it: drift of a Secret's content is found from its data, read every run.
   */
  static Secret toSecret(
      ObjectKey key, RegistryLogin login, String stack, Address address, Optional<Secret> current) {
    ObjectMeta base = current.map(Secret::getMetadata).orElseGet(ObjectMeta::new);
    ObjectMeta meta = new ObjectMetaBuilder(base)
        .withName(key.name()).withNamespace(key.namespace())
        .addToLabels(Ownership.labels())
        .addToAnnotations(Ownership.annotations(stack, address))
        .removeFromAnnotations(Ownership.LEGACY_FINGERPRINT)
        .build();
    return new SecretBuilder()
        .withMetadata(meta)
        .withType(ClusterSnapshot.DOCKER_CONFIG_JSON)
        .withData(data(login))
        // an immutable Secret stays so (the API server refuses to clear the flag); its data is
        // then unchanged, see holds()
        .withImmutable(current.map(Secret::getImmutable).filter(Boolean.TRUE::equals).orElse(null))
        .build();
  }

  private static Map<String, String> data(RegistryLogin login) {
    return Map.of(DATA_KEY, DockerConfigJson.base64(DockerConfigJson.encode(login)));
  }

  /** Whether the Secret's data already is what pullplan would write for the login. */
  static boolean holds(Secret secret, RegistryLogin login) {
    return data(login).equals(secret.getData());
  }

  /** The login stored in the Secret, preferring the entry for {@code server}. */
  static Optional<RegistryLogin> login(Secret secret, String server) {
    Map<String, String> data = secret.getData();
    if (data == null || data.get(DATA_KEY) == null) {
      return Optional.empty();
    }
    try {
      return DockerConfigJson.decode(
          new String(Base64.getDecoder().decode(data.get(DATA_KEY)), StandardCharsets.UTF_8), server);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /**
   * The attributes of a {@code k8s_secret} as the object has them: what the engine compares with
   * the config. An undecodable secret reads as empty server and username, so the plan updates it.
   */
  static Map<String, Object> attributes(String cluster, Secret secret, String server) {
    Optional<RegistryLogin> login = login(secret, server);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("cluster", cluster);
    a.put("namespace", secret.getMetadata().getNamespace());
    a.put("name", secret.getMetadata().getName());
    a.put("server", login.map(RegistryLogin::server).orElse(""));
    a.put("username", login.map(RegistryLogin::username).orElse(""));
    a.put("stack", Ownership.annotation(secret, Ownership.STACK).orElse(""));
    return a;
  }

  static Map<String, String> sensitive(Secret secret, String server) {
    return login(secret, server).map(l -> Map.of("password", l.password())).orElse(Map.of());
  }
}
