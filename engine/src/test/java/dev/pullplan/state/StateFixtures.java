package dev.pullplan.state;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** States for the state tests, with secrets easy to search for in raw bytes. */
public final class StateFixtures {
  public static final String PASSWORD = "Pa55-w0rd-never-in-a-file";
  public static final String DOCKER_CONFIG = "{\"auths\":{\"acr.example.io\":{\"auth\":\"c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3M=\"}}}";

  private StateFixtures() {}

  public static State sample() {
    Address credential = Address.of("access", "partner_edge", "service_principal");
    Address secret = Address.keyed("access", "partner_edge", "k8s_secret", "edge");
    ResourceState sp = new ResourceState(credential, "azure_service_principal", "azure", "00000000-aaaa",
        Map.of(
            "display_name", "pullplan-partner-edge",
            "age_days", 61L,
            "big", new BigInteger("123456789012345678901234567890"),
            "ratio", 0.75,
            "enabled", true,
            "roles", List.of("AcrPull", 7L, false, List.of()),
            "tags", Map.of("stack", "prod", "nested", Map.of("depth", 2L)),
            "empty", Map.of()),
        Map.of("password", PASSWORD),
        List.of());
    ResourceState k8s = new ResourceState(secret, "k8s_secret", "kubernetes", "edge/acr-pull",
        Map.of("namespace", "edge", "name", "acr-pull"),
        Map.of(".dockerconfigjson", DOCKER_CONFIG),
        List.of(credential));
    return new State(State.FORMAT_VERSION, 7, "5c7c1a4e-8f0e-4c55-9f5e-2f3f1c1b9a10", "0.1.0-test", "sha256:abc",
        Optional.of(new Provenance("0123456789abcdef0123456789abcdef01234567", Optional.of("main"), true)),
        List.of(k8s, sp));
  }

  /** A state big enough that writing it takes a while, fully determined by its serial. */
  public static State big(long serial, int resources) {
    List<ResourceState> list = new ArrayList<>();
    IntStream.range(0, resources).forEach(i -> list.add(new ResourceState(
        Address.keyed("access", "fleet", "k8s_secret", "ns-" + i), "k8s_secret", "kubernetes", "ns-" + i + "/acr-pull",
        Map.of("namespace", "ns-" + i, "serial", serial, "labels", Map.of("team", "t" + (i % 17), "padding", "x".repeat(200))),
        Map.of(".dockerconfigjson", "secret-" + serial + "-" + i),
        List.of(Address.of("access", "fleet", "service_principal")))));
    return new State(State.FORMAT_VERSION, serial, "big-lineage", "0.1.0-test", "sha256:" + serial, Optional.empty(), list);
  }
}
