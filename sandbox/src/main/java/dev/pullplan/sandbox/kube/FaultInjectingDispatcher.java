package dev.pullplan.sandbox.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The CRUD mock's dispatcher, with injected faults answered first. */
final class FaultInjectingDispatcher extends Dispatcher {
  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of());
  private final List<KubeFault> faults = new CopyOnWriteArrayList<>();

  void inject(KubeFault fault) {
    faults.add(fault);
  }

  void clearFaults() {
    faults.clear();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    for (KubeFault fault : faults) {
      if (fault.matches(request.getMethod(), request.getPath())) {
        return new MockResponse().setResponseCode(fault.status())
            .setHeader("Content-Type", "application/json")
            .setBody(fault.statusBody());
      }
    }
    return crud.dispatch(request);
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}
