package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Inspect and repair the state. list and show take no lock; rm and mv do.",
    subcommands = {StateCommand.ListCommand.class, StateCommand.ShowResource.class, StateCommand.Remove.class,
        StateCommand.Move.class, StateCommand.Rekey.class})
final class StateCommand implements Callable<Integer> {
  @Mixin ColorOptions common;

  private final Console console;

  StateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    console.err().println("Usage: pullplan state list|show|rm|mv|rekey ... (see pullplan state --help)");
    return ExitCodes.ERROR;
  }

  static Address address(String text) {
    return Address.parse(text).orElseThrow(() -> new PullplanException("'" + text
        + "' is not a resource address; write e.g. access.team_apps.k8s_secret[\"apps\"] (see `pullplan state list`)"));
  }

  static State require(Workspace ws) {
    return ws.backend().read().orElseThrow(() -> new PullplanException("there is no state yet at " + ws.backend().describe()));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the addresses of every resource in state.")
  static final class ListCommand extends StackCommand {

    @Parameters(arity = "0..*", paramLabel = "ADDRESS", description = "Only resources matching these addresses or blocks.")
    List<String> filters = List.of();

    ListCommand(Console console) {
      super(console);
    }

    @Override
    int execute(Workspace ws) {
      for (ResourceState r : ws.backend().read().map(State::resources).orElse(List.of())) {
        if (filters.isEmpty() || filters.stream().anyMatch(r.address()::matches)) {
          console.out().println(r.address());
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one resource in state (secrets hidden).")
  static final class ShowResource extends StackCommand {

    @Parameters(paramLabel = "ADDRESS") String address;

    ShowResource(Console console) {
      super(console);
    }

    @Override
    int execute(Workspace ws) {
      ResourceState r = require(ws).resource(address(address))
          .orElseThrow(() -> new PullplanException(address + " is not in state; `pullplan state list` shows what is"));
      console.out().print(StateView.resource(r));
      return ExitCodes.OK;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Forget resources: remove them from state without deleting the objects.")
  static final class Remove extends StackCommand {

    @Mixin LockFlag lock;
    @Parameters(arity = "1..*", paramLabel = "ADDRESS") List<String> addresses;

    Remove(Console console) {
      super(console);
    }

    @Override
    int execute(Workspace ws) {
      try (LockFlag.Held held = lock.take(ws.backend(), "state rm", state.lockTimeout)) {
        State s = require(ws);
        for (String text : addresses) {
          Address a = address(text);
          if (s.resource(a).isEmpty()) {
            throw new PullplanException(text + " is not in state; nothing was removed");
          }
          s = s.with(a, Optional.empty());
        }
        ws.backend().write(s.nextSerial());
      }
      console.out().println("Removed " + addresses.size() + " resource(s) from state. The objects themselves were not touched.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "mv", mixinStandardHelpOptions = true, description = "Give a resource in state a new address.")
  static final class Move extends StackCommand {

    @Mixin LockFlag lock;
    @Parameters(index = "0", paramLabel = "SOURCE") String source;
    @Parameters(index = "1", paramLabel = "DESTINATION") String destination;

    Move(Console console) {
      super(console);
    }

    @Override
    int execute(Workspace ws) {
      Address from = address(source);
      Address to = address(destination);
      try (LockFlag.Held held = lock.take(ws.backend(), "state mv", state.lockTimeout)) {
        State s = require(ws);
        ResourceState r = s.resource(from).orElseThrow(() -> new PullplanException(source + " is not in state"));
        if (s.resource(to).isPresent()) {
          throw new PullplanException(destination + " is already in state; remove it first with `pullplan state rm`");
        }
        ResourceState moved = new ResourceState(to, r.type(), r.provider(), r.id(), r.attributes(), r.sensitive(), r.dependsOn());
        ws.backend().write(s.with(from, Optional.empty()).with(to, Optional.of(moved)).nextSerial());
      }
      console.out().println("Moved " + source + " to " + destination + ".");
      return ExitCodes.OK;
    }
  }

  @Command(name = "rekey", mixinStandardHelpOptions = true,
      description = {"Re-encrypt the state with the key in PULLPLAN_STATE_PASSPHRASE (or PULLPLAN_STATE_KEY_FILE),",
          "reading it with the old key in PULLPLAN_STATE_PASSPHRASE_FALLBACK (or _KEY_FILE_FALLBACK) when needed.",
          "apply and destroy do this by themselves whenever they read the state with a fallback key."})
  static final class Rekey extends StackCommand {

    @Mixin LockFlag lock;

    Rekey(Console console) {
      super(console);
    }

    @Override
    int execute(Workspace ws) {
      try (LockFlag.Held held = lock.take(ws.backend(), "state rekey", state.lockTimeout)) {
        console.err().println(StateReencryption.rekey(ws.backend(), ws.keyring()));
      }
      return ExitCodes.OK;
    }
  }
}
