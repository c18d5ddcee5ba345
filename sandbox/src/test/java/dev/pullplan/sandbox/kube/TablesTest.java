package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TablesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void agesReadAsKubectlPrintsThem() {
    assertThat(Tables.age("2026-12-01T11:59:15Z", NOW)).isEqualTo("45s");
    assertThat(Tables.age("2026-12-01T11:54:50Z", NOW)).isEqualTo("5m10s");
    assertThat(Tables.age("2026-12-01T09:00:00Z", NOW)).isEqualTo("3h");
    assertThat(Tables.age("2026-11-29T08:00:00Z", NOW)).isEqualTo("2d4h");
  }

  @Test
  void aPodWaitingOnItsImageShowsTheWaitingReasonAsItsStatus() {
    var pod = KubeJson.parse("""
        {"metadata":{"name":"web","creationTimestamp":"2026-12-01T11:59:00Z"},
         "spec":{"containers":[{"name":"web"}]},
         "status":{"phase":"Pending","containerStatuses":[{"ready":false,"restartCount":0,
           "state":{"waiting":{"reason":"ImagePullBackOff"}}}]}}""").orElseThrow();
    ApiResource pods = ApiResources.find("", "v1", "pods").orElseThrow();

    var row = Tables.table(pods, java.util.List.of(pod), "1", NOW).at("/rows/0/cells");

    assertThat(row.toString()).isEqualTo("[\"web\",\"0/1\",\"ImagePullBackOff\",\"0\",\"60s\"]");
  }
}
