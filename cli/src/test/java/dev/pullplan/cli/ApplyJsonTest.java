package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply -json: one JSON event a line on standard output, as terraform apply -json. */
class ApplyJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK + OutputTest.OUTPUTS);
    cli = new CliRun(dir);
  }

  private static List<JsonNode> events(String out) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : out.split("\n")) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  @Test
  void everyLineIsAnEventFromVersionToOutputs() throws Exception {
    CliRun.Result r = cli.inStack("apply", "-json", "-auto-approve");

    assertThat(r.exit()).as(r.all()).isZero();
    List<JsonNode> events = events(r.out());
    List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
    assertThat(types.get(0)).isEqualTo("version");
    assertThat(types).contains("planned_change", "apply_start", "apply_complete", "change_summary");
    assertThat(types.get(types.size() - 1)).isEqualTo("outputs");
    assertThat(types.stream().filter("planned_change"::equals)).hasSize(6);
    assertThat(events).allSatisfy(e -> assertThat(e.has("@level") && e.has("@message") && e.has("@timestamp")).isTrue());
    JsonNode summary = events.stream().filter(e -> e.get("type").asText().equals("change_summary")).findFirst().orElseThrow();
    assertThat(summary.get("changes").get("add").asInt()).isEqualTo(6);
    assertThat(r.out()).doesNotContain("s3cr3t-value");
  }

  @Test
  void aFailedChangeIsAnErroredEvent() throws Exception {
    cli.world.failOn("access.team_apps.role_assignment");

    CliRun.Result r = cli.inStack("apply", "-json", "-auto-approve");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(events(r.out())).anySatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("apply_errored"));
  }

  @Test
  void jsonWithoutAutoApproveIsRefused() {
    CliRun.Result r = cli.inStack("apply", "-json");

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("-json gives no chance to approve");
    assertThat(cli.world.objects()).isEmpty();
  }
}
