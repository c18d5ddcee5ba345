package dev.pullplan.cli;

/** The {@code pullplan} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Interrupts.install();
    System.exit(Pullplan.run(Console.system(), args));
  }
}
