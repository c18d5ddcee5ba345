package dev.pullplan.sandbox.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method + path pattern to a handler. ARM paths compare case-insensitively, as ARM does. */
final class Router {

  @FunctionalInterface
  interface Handler {
    Reply handle(HttpCall call, Matcher match);
  }

  private record Route(String method, Pattern pattern, Handler handler) {
  }

  private final List<Route> routes = new ArrayList<>();

  Router on(String method, String regex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), handler));
    return this;
  }

  Reply dispatch(HttpCall call) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(call.path());
      if (m.matches()) {
        pathKnown = true;
        if (route.method.equals(call.method())) {
          return route.handler.handle(call, m);
        }
      }
    }
    if (pathKnown) {
      throw new ApiException(405, "MethodNotAllowed",
          "The sandbox does not support " + call.method() + " on " + call.path() + ".");
    }
    // loud on purpose: a call the sandbox does not know must not pass for a missing resource
    throw new ApiException(400, "SandboxUnsupportedRequest",
        "The sandbox does not serve " + call.method() + " " + call.path() + ".");
  }
}
