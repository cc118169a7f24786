import type { ServerHooks } from "../hooks/engine.js";

/**
 * Text that leaves a freedom open: a quote from a clause's normative text (`clause`), from the informative
 * text of a spec document that a clause relies on (`doc`, e.g. "models.md"), or from a standard the spec
 * builds on where the spec itself is silent (`rfc`, e.g. "RFC 9110 §8.4"). Quotes are verbatim (whitespace
 * aside); a test finds each clause and doc quote in every spec version it is cited for, and wants every
 * version to leave the freedom open.
 */
export type SpecText = ({ clause: string; quote: string } | { doc: string; quote: string } | { rfc: string; quote: string }) & {
  /** The spec versions whose text this is (default: every version that has the clause or document), where a later version reworded it. */
  versions?: string[];
};

/**
 * A variant makes the reference server use one freedom that the spec leaves open, the way some real server
 * does, so that the conformance suite can show it accepts every legal server (the variation self-test,
 * `lis conformance --variation`). Variants are data, like faults: a definition hooks into the same named
 * points of the server (hooks/engine.ts).
 */
export interface VariantDefinition extends ServerHooks {
  /** Kebab-case, what `--variant` takes. */
  name: string;
  /** What the server does differently, in one sentence. */
  description: string;
  /** The spec text that allows it. */
  allowedBy: SpecText[];
  /**
   * SHOULD (or MAY) clauses that a server using this freedom knowingly does not follow, with why: legal,
   * so a failure of exactly these is expected; a MUST clause can never be listed.
   */
  departsFrom?: { clause: string; why: string }[];
}
