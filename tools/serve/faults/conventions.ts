/** Faults of spec/1.0/conventions.md. */
import { onSuccess } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

export const conventionFaults: FaultDefinition[] = [
  {
    clause: "CONV-001",
    description: "model objects carry a `lis` member that is a string, not an object",
    transformBody: onSuccess(["models", "model"], (body) =>
      Array.isArray(body.data) ? { ...body, data: body.data.map((m: object) => ({ ...m, lis: "1.0" })) } : { ...body, lis: "1.0" },
    ),
  },
];
