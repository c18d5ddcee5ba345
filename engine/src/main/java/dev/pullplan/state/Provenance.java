package dev.pullplan.state;

import java.util.Optional;

/** Where the applied config came from, when it lives in a git work tree. */
public record Provenance(String commit, Optional<String> branch, boolean dirty) {}
