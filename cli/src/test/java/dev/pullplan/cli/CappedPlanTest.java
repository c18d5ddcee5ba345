package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CappedPlanTest {
  @Test
  void thePeakIsTheMostHeapInUseBeforeAnyCollection() {
    String log = """
        [0.012s][info][gc] Using G1
        [0.310s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(256M) 3.100ms
        [0.911s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 181M->97M(256M) 9.870ms
        [1.402s][info][gc] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 1024K->512K(256M) 1.2ms
        """;

    assertThat(CappedPlan.peakBytes(log)).isEqualTo(181L << 20);
  }

  @Test
  void aChildThatNeverCollectedHasNoPeakToShow() {
    assertThat(CappedPlan.peakBytes("[0.012s][info][gc] Using G1\n")).isZero();
  }
}
