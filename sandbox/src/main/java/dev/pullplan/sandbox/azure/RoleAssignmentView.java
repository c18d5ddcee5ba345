package dev.pullplan.sandbox.azure;

import java.time.Instant;

/**
 * A role assignment as ARM holds it.
 *
 * @param roleName the role definition's name, e.g. {@code AcrPull}
 * @param principalType as given on create, or the type ARM looked up
 * @param condition the ABAC condition (version 2.0), when the assignment has one
 * @param description as the client sent it: pullplan marks its own assignments with its stack here
 */
public record RoleAssignmentView(String id, String name, String scope, String roleDefinitionId, String roleName,
    String principalId, String principalType, Instant createdOn, java.util.Optional<String> condition,
    java.util.Optional<String> description) {
}
