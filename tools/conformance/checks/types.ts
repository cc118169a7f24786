import type { Exchange, ReceivedResponse, SentRequest } from "../model.js";

/** A schema validator as tools/validate/validators.ts `getValidator` returns it. */
export type Validator = (doc: unknown) => { valid: boolean; errors: { pointer: string; message: string; keyword?: string }[] };
export type ValidatorLookup = (name: string) => Validator;

/** What a check function sees: the step's exchange, already read, and nothing it could change. */
export interface CheckContext {
  request: SentRequest;
  response: ReceivedResponse;
  /** The JSON body, or for a stream the array of event payloads (parsed JSON, terminator excluded). */
  document: unknown;
  /** Earlier steps of the case, by name. */
  steps: Record<string, Exchange>;
  variables: Record<string, unknown>;
  getValidator: ValidatorLookup;
  /** The run's API key, for checks that the server does not echo it (every report is redacted anyway). */
  apiKey?: string;
  /**
   * For a check called with `assumes`: undefined when the assumed fact holds (compare away), else why it
   * does not. A `comparative: "partly"` check then judges only what this response shows on its own.
   */
  notComparable?: string;
}

export interface CheckOutcome {
  passed: boolean;
  message?: string;
  expected?: string;
  got?: string;
  /** The check could not judge (passed is false): why. */
  inconclusive?: string;
  /** The check found nothing to judge (passed is true): not evidence of a pass. */
  vacuous?: true;
}

/** A named pure check, like a Spectral function: referenced from cases by name, unit-tested on its own. */
export interface CheckDefinition {
  name: string;
  description: string;
  /** JSON Schema of `args` (checked when cases load); omitted = no arguments. */
  args?: Record<string, unknown>;
  /**
   * Whether the check compares this response with another one (an earlier step's), which is valid only
   * when the server reproduces its output: "whole" checks are not run without the fact they assume;
   * "partly" checks judge their self-contained part and return `inconclusive` for the rest
   * (`ctx.notComparable`). Cases must call comparative checks with `assumes` (a test audits this).
   */
  comparative?: "whole" | "partly";
  run(args: Record<string, unknown>, ctx: CheckContext): CheckOutcome;
}

export const pass = (): CheckOutcome => ({ passed: true });
export const fail = (message: string, expected?: string, got?: string): CheckOutcome => ({ passed: false, message, expected, got });
export const inconclusive = (reason: string): CheckOutcome => ({ passed: false, inconclusive: reason });
/** Nothing to judge (e.g. no tool call in the response): passes nothing. */
export const vacuous = (message: string): CheckOutcome => ({ passed: true, vacuous: true, message });

/** Short JSON text for expected/got lines. */
export function show(value: unknown, max = 200): string {
  // A long string (a whole body) is cut before it is escaped: only its start is shown.
  const text = value === undefined ? "(absent)" : JSON.stringify(typeof value === "string" && value.length > max ? value.slice(0, max + 1) : value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The first sentence of a check's description with its arguments spelled out, so that a failure says what
 * was expected: "… is one of `in`." with `in: [stop, length]` reads "… is one of ["stop","length"]."; an
 * argument left at its default shows the default ("within `tolerance` (default 0.001)" → "within 0.001").
 */
export function describeCall(description: string, args: Record<string, unknown>): string {
  const first = description.split(/(?<=\.)\s/)[0];
  return first.replace(/`([A-Za-z_]\w*)`(?: \(default ([^)]*)\))?/g, (whole, name: string, fallback?: string) =>
    Object.hasOwn(args, name) ? show(args[name], 120) : fallback !== undefined ? fallback : whole,
  );
}
