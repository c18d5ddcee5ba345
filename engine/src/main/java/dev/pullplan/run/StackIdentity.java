package dev.pullplan.run;

import dev.pullplan.PullplanException;
import dev.pullplan.model.Stack;
import dev.pullplan.model.StackName;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.util.Optional;

/**
 * Settles a stack's name, which every object pullplan makes carries and so must never change by
 * accident: the name state recorded wins; a config that declares another is an error; a new stack
 * takes the name its config declares, else its directory's.
 */
final class StackIdentity {
  private StackIdentity() {}

  /**
   * @param where the state's location, for messages
   * @throws PullplanException when the config declares a name other than the one state recorded
   */
  static String resolve(Stack stack, Optional<State> state, String where) {
    Optional<String> recorded = state.flatMap(StackIdentity::recorded);
    Optional<StackName> declared = stack.declaredName();
    if (recorded.isPresent() && declared.isPresent() && !recorded.get().equals(declared.get().value())) {
      throw new PullplanException(declared.get().origin() + ": the config names this stack \""
          + declared.get().value() + "\", but the state " + where + " belongs to stack \"" + recorded.get()
          + "\". Every object pullplan made for it carries that name: write stack = \"" + recorded.get()
          + "\" to keep managing them, or point --state/the backend at the state of stack \""
          + declared.get().value() + "\"");
    }
    return recorded.or(() -> declared.map(StackName::value)).orElseGet(stack::directoryName);
  }

  /** The recorded name; a state written before names were recorded has it on its resources. */
  private static Optional<String> recorded(State state) {
    return state.stack().or(() -> state.resources().stream()
        .map(ResourceState::attributes)
        .map(a -> a.get("stack"))
        .filter(v -> v instanceof String s && !s.isEmpty())
        .map(String.class::cast)
        .findFirst());
  }
}
