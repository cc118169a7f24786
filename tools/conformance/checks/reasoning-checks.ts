/** Check functions of the 1.1 reasoning profile (conformance/1.1/cases), registered through one line of index.ts. */
import type { CheckDefinition } from "./types.js";
import { noReasoningMarkup } from "./no-reasoning-markup.js";
import { reasoningBeforeContent } from "./reasoning-before-content.js";
import { reasoningTokensWhenReasoned } from "./reasoning-tokens-when-reasoned.js";

export const reasoningChecks: CheckDefinition[] = [noReasoningMarkup, reasoningBeforeContent, reasoningTokensWhenReasoned];
