package dev.pullplan.render;

import static dev.pullplan.testing.TestStacks.servicePrincipal;
import static dev.pullplan.testing.TestStacks.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.testing.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MarkdownPlanRenderingTest {
  private final EngineFixture f = new EngineFixture();
  private final MarkdownPlanRenderer markdown = new MarkdownPlanRenderer();

  private static Stack teamApps(String... namespaces) {
    return stack().serviceAccount("team_apps", "dev", List.of(namespaces), servicePrincipal("60d"))
        .attach("dev_attach", "dev")
        .build();
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void startsWithTheMarkerAndTheSummaryLine() {
    String md = markdown.render(f.plan(teamApps("apps")));

    assertThat(md).startsWith(MarkdownPlanRenderer.MARKER + "\n### pullplan plan\n\n**Plan: 5 to add, 0 to change, 0 to destroy, 0 to rotate.**");
  }

  @Test
  void groupsTheChangesByBlockInCollapsibleDetails() {
    String md = markdown.render(f.plan(teamApps("apps")));

    assertThat(md).contains("<details><summary><code>access.team_apps</code>: 4 to add</summary>");
    assertThat(md).contains("<details><summary><code>access.dev_attach</code>: 1 to add</summary>");
    assertThat(count(md, "<details>")).isEqualTo(2).isEqualTo(count(md, "</details>"));
    assertThat(md).contains("**<code>access.team_apps.k8s_secret[&quot;apps&quot;]</code>** will be created");
    assertThat(md).contains("```diff\n+ stack     = \"teststack\"\n+ cluster   = \"dev\"\n+ namespace = \"apps\"");
    assertThat(md).contains("+ password  = (sensitive)");
  }

  @Test
  void updatesShowTheOldAndTheNewValueWithTheReason() {
    f.planAndApply(teamApps("apps"));
    f.world.tamper("access.team_apps.k8s_secret[\"apps\"]", "server", "evil.example");

    String md = markdown.render(f.plan(teamApps("apps")));

    assertThat(md).contains("<details><summary>Objects changed outside pullplan (1)</summary>");
    assertThat(md).contains("- server differs from the config");
    assertThat(md).contains("- server = \"evil.example\"\n+ server = \"pullplandemo.azurecr.io\"");
  }

  @Test
  void rotationIsCountedAndMarked() {
    f.planAndApply(teamApps("apps"));
    f.clock.advance(Duration.ofDays(61));

    String md = markdown.render(f.plan(teamApps("apps")));

    assertThat(md).contains("**Plan: 0 to add, 1 to change, 0 to destroy, 1 to rotate.**");
    assertThat(md).contains("! password = (sensitive)  # new credential");
  }

  @Test
  void noChangesSaysSoWithoutDetails() {
    f.planAndApply(teamApps("apps"));

    String md = markdown.render(f.plan(teamApps("apps")));

    assertThat(md).contains("**No changes. Pull access matches the configuration.**").doesNotContain("<details>");
  }

  @Test
  void neverShowsASecret() {
    f.planAndApply(teamApps("apps"));
    f.world.tamperSensitive("access.team_apps.k8s_secret[\"apps\"]", "password", "tampered-secret");
    f.clock.advance(Duration.ofDays(61));
    Plan plan = f.plan(teamApps("apps"));

    String md = markdown.render(plan);

    assertThat(md).doesNotContain("tampered-secret").doesNotContain("pw-1").contains("(sensitive)");
  }

  @Test
  void aPlanAboveTheLimitIsCutBetweenChangesWithANote() {
    String[] namespaces = IntStream.range(0, 400).mapToObj(i -> "namespace-" + i).toArray(String[]::new);

    String md = markdown.render(f.plan(teamApps(namespaces)));

    assertThat(md.length()).isLessThanOrEqualTo(MarkdownPlanRenderer.MAX_CHARS);
    assertThat(md).contains("**Truncated:** this plan is longer than 60000 characters;").contains("changes are not shown");
    assertThat(md).startsWith(MarkdownPlanRenderer.MARKER).contains("**Plan: 803 to add,");
    assertThat(count(md, "<details>")).isEqualTo(count(md, "</details>"));
    assertThat(count(md, "```") % 2).isZero();
  }

  @Test
  void aPlanBelowTheLimitIsWhole() {
    String md = markdown.render(f.plan(teamApps("apps")));

    assertThat(md).doesNotContain("Truncated");
  }
}
