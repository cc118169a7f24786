import { requestOn } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const equalEffortLevels: VariantDefinition = {
  name: "equal-effort-levels",
  description: "reasoning_effort low, medium and high all get the same reasoning budget (the medium one)",
  allowedBy: [{ clause: "REASON-001", quote: "How many tokens each level allows is the server's choice, but a higher level never asks for less reasoning than a lower one." }],
  transformRequest: requestOn("chat", (body) => (body.reasoning_effort === "low" || body.reasoning_effort === "high" ? { ...body, reasoning_effort: "medium" } : body)),
};
