package dev.pullplan.cli;

import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Expander;
import dev.pullplan.graph.ResourceGraph;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Print the resources of the config and their dependencies as Graphviz DOT.",
        "Makes no network call: namespaces a namespace_selector would match are not shown."})
final class GraphCommand implements Callable<Integer> {
  // the stack's name shapes attribute values, never the graph: no state is read for it
  private static final String GRAPH_ONLY = "graph";

  private final Console console;

  @Mixin CommonOptions common;
  @Mixin VariableOptions vars;
  @Mixin StateOptions state;

  GraphCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Workspace ws = Workspace.open(console, new Printer(console, common), common, vars, state);
    ResourceGraph graph = new ResourceGraph();
    for (DesiredResource r : new Expander(ws.stack(), GRAPH_ONLY, access -> Set.of()).expand().resources()) {
      graph.add(r.address(), r.dependsOn());
    }
    graph.topologicalOrder();
    console.out().print(graph.toDot());
    return ExitCodes.OK;
  }
}
