package dev.pullplan.spi;

import java.util.Map;

/** Given to create/update/delete: the run, and the states of the resources this one depends on. */
public interface ApplyContext {

  RunContext run();

  /** States of the dependencies as they are now, after their own changes in this apply. */
  Map<dev.pullplan.address.Address, ResourceState> dependencies();
}
