/**
 * The context of one run: the stack, its settled name, the provider sessions, the warnings and
 * API calls they report. Below refresh, plan and apply, which use it; {@code dev.pullplan.run.Engine}
 * sits on top of them all.
 */
package dev.pullplan.context;
