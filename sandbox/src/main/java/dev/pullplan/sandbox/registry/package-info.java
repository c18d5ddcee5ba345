/**
 * A real OCI registry behind the sandbox: Debian's {@code docker-registry} (CNCF distribution)
 * in token-auth mode, whose token realm is the sandbox's ACR token server, filled with small
 * probe images the sandbox assembles itself.
 */
package dev.pullplan.sandbox.registry;
