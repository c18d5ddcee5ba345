package dev.pullplan.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

  @Test
  void aRateAloneMeansEveryKindOnEveryApi() {
    FaultSpec spec = FaultSpec.parse("rate=0.2");

    assertThat(spec.rate()).isEqualTo(0.2);
    assertThat(spec.kinds()).isEqualTo(EnumSet.allOf(FaultKind.class));
    assertThat(spec.targets()).isEqualTo(EnumSet.allOf(FaultTarget.class));
    assertThat(spec.seed()).isEqualTo(1);
  }

  @Test
  void listsContinueAfterCommasUntilTheNextKey() {
    FaultSpec spec = FaultSpec.parse("rate=20%,kinds=429,429-bare,reset,apis=arm,kube,seed=7,delay=250ms");

    assertThat(spec.rate()).isEqualTo(0.2);
    assertThat(spec.kinds()).containsExactlyInAnyOrder(FaultKind.THROTTLE, FaultKind.THROTTLE_BARE, FaultKind.RESET);
    assertThat(spec.targets()).containsExactlyInAnyOrder(FaultTarget.ARM, FaultTarget.KUBERNETES);
    assertThat(spec.seed()).isEqualTo(7);
    assertThat(spec.delay()).isEqualTo(Duration.ofMillis(250));
    assertThat(FaultSpec.parse(spec.describe())).isEqualTo(spec);
  }

  @Test
  void mistakesAreNamedWithWhatIsAccepted() {
    assertThatThrownBy(() -> FaultSpec.parse("kinds=429")).hasMessageContaining("rate is required");
    assertThatThrownBy(() -> FaultSpec.parse("rate=2")).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> FaultSpec.parse("rate=0.1,kinds=418")).hasMessageContaining("unknown kind \"418\"")
        .hasMessageContaining("429-bare");
    assertThatThrownBy(() -> FaultSpec.parse("rate=0.1,apis=dns")).hasMessageContaining("unknown API \"dns\"");
    assertThatThrownBy(() -> FaultSpec.parse("rate=0.1,often=yes")).hasMessageContaining("unknown key \"often\"");
    assertThatThrownBy(() -> FaultSpec.parse("0.1")).hasMessageContaining("has no key");
  }
}
