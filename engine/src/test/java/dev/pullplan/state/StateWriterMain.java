package dev.pullplan.state;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Child JVM: writes ever newer big states from a first serial on until killed, printing
 * {@code WROTE <serial>} after each.
 */
public final class StateWriterMain {
  private StateWriterMain() {}

  public static void main(String[] args) {
    LocalStateBackend backend = new LocalStateBackend(Path.of(args[0]), Optional.empty(), w -> {});
    int resources = Integer.parseInt(args[1]);
    for (long serial = Long.parseLong(args[2]); ; serial++) {
      backend.write(StateFixtures.big(serial, resources));
      System.out.println("WROTE " + serial);
      System.out.flush();
    }
  }
}
