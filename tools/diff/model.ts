import type { Classification, Direction } from "./policy.js";

/** One reported change: what the policy row says about it, and where it is. */
export interface Change {
  /** Policy row id (spec/1.0/versioning.md), e.g. `REQ-PROPERTY-ADDED-REQUIRED`. */
  row: string;
  classification: Classification;
  direction: Direction;
  message: string;
  /** Where the changed node is: `#/components/schemas/X/properties/y` (new side; old side for removals). */
  location: string;
  /** The operations (or root schemas) through which the change is reached, e.g. `#/paths/~1chat~1completions/post/requestBody/content/application~1json/schema`. */
  usedAt: string[];
  /** How many places use it in all (`usedAt` lists the first few). */
  usedAtCount: number;
}

export interface DiffResult {
  old: string;
  new: string;
  changes: Change[];
  /** Things the diff could not look into (unresolved `$ref`s), reported beside the changes. */
  warnings: string[];
}

/** Caps the `usedAt` list of one change; `usedAtCount` counts them all. */
export const MAX_USED_AT = 5;

export interface Summary {
  breaking: number;
  "non-breaking": number;
  informational: number;
  request: number;
  response: number;
  endpoint: number;
}

export function summarise(changes: readonly Change[]): Summary {
  const summary: Summary = { breaking: 0, "non-breaking": 0, informational: 0, request: 0, response: 0, endpoint: 0 };
  for (const change of changes) {
    summary[change.classification]++;
    summary[change.direction]++;
  }
  return summary;
}
