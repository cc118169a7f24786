import type { ServerHooks } from "../hooks/engine.js";

export type { Chunk, Endpoint, HookFlag as FaultFlag, InterceptReply, ReplyContext } from "../hooks/engine.js";

/**
 * A fault makes the reference server violate exactly one clause, so that the conformance suite can show
 * it catches the violation and names the clause. Faults are data: a definition names its clause and
 * hooks into named points of the server (hooks.ts), like an ajv keyword.
 */
export interface FaultDefinition extends ServerHooks {
  clause: string;
  description: string;
}
