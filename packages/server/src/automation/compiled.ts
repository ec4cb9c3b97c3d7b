import { type App, type CompiledAutomations, compileAutomations } from "@plinth/runtime";
import type { ServerContext } from "../http/context.js";

const cache = new WeakMap<App, CompiledAutomations>();

/**
 * The automations of a published app version, compiled once: published schemas are immutable
 * objects cached by `PublishedApps`, so the schema object is the version's identity.
 */
export function automationsOf(ctx: ServerContext, schema: App): CompiledAutomations {
  let compiled = cache.get(schema);
  if (!compiled) {
    compiled = compileAutomations(schema, { functions: ctx.runtime.functions });
    cache.set(schema, compiled);
  }
  return compiled;
}
