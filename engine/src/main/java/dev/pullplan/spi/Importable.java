package dev.pullplan.spi;

/**
 * A resource type whose existing objects {@code pullplan import ADDRESS ID} can bring under
 * management. A type without it refuses import with {@link ResourceHandler#whyNotImportable()}.
 */
public interface Importable {

  /** How the id is written, for messages: {@code namespace/name}. */
  String idFormat();

  /**
   * Reads the object {@code id} names, without changing anything. Absent when there is none;
   * {@link Observed.Foreign} when it exists but is not what the config asks for at this address
   * (the message says what differs). Throws a {@code PullplanException} for an id that is not
   * written as {@link #idFormat()}.
   */
  Observed importById(ReadRequest request, String id);

  /**
   * Refuses an id that names another object than the config puts at this address: importing it
   * would make the next plan replace it (and so delete what the user meant to keep).
   *
   * @param configured the id of the object the config describes at {@code request.address()}
   * @throws dev.pullplan.PullplanException when {@code id} is another
   */
  static void requireConfigured(ReadRequest request, String id, String configured) {
    if (!id.equals(configured)) {
      throw new dev.pullplan.PullplanException("the config describes " + request.address() + " as " + configured
          + ", not \"" + id + "\": import it with `pullplan import " + request.address() + " " + configured
          + "`, or change the config to describe " + id);
    }
  }
}
