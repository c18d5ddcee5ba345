package dev.pullplan.cli;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Derivation;
import dev.pullplan.expand.Expander;
import dev.pullplan.graph.ResourceGraph;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Print the resources of the config and their dependencies as Graphviz DOT.",
        "Makes no network call: namespaces a namespace_selector would match are not shown.",
        "Needs no variable values (as validate): blocks that read a variable without a value are left out."})
final class GraphCommand extends StackCommand {
  // the stack's name shapes attribute values, never the graph: no state is read for it
  private static final String GRAPH_ONLY = "graph";

  GraphCommand(Console console) {
    super(console);
  }

  /** As validate: the graph's shape does not depend on variable values that are not given. */
  @Override
  ConfigLoader loader(ProviderRegistry providers) {
    return new ConfigLoader(providers).withUnsetVariablesUnknown();
  }

  @Override
  int execute(Workspace ws) {
    ResourceGraph graph = new ResourceGraph();
    for (DesiredResource r : new Expander(ws.stack(), GRAPH_ONLY, access -> Set.of(), Derivation.NONE).expand().resources()) {
      graph.add(r.address(), r.dependsOn());
    }
    graph.topologicalOrder();
    console.out().print(graph.toDot());
    return ExitCodes.OK;
  }
}
