import type { Command } from "commander";
import { registerClauses } from "./clauses/command.js";
import { registerValidate } from "./validate/command.js";
import { registerGenerate } from "./codegen/command.js";
import { registerServe } from "./serve/command.js";
import { registerConformance } from "./conformance/command.js";
import { registerLint } from "./lint/command.js";
import { registerDiff } from "./diff/command.js";
import { registerEval } from "./eval/command.js";
import { registerValidateDataset } from "./datasets/command.js";
import { registerRegistry } from "./registries/command.js";
import { registerBench } from "./bench/command.js";
import { registerAdapt } from "./adapt/command.js";
import { registerCompatibility } from "./compatibility/command.js";

/** Every `lis` subcommand; each lives in its own folder's command.ts. */
export const commands: Array<(program: Command) => void> = [
  registerClauses,
  registerValidate,
  registerGenerate,
  registerServe,
  registerConformance,
  registerLint,
  registerDiff,
  registerEval,
  registerValidateDataset,
  registerRegistry,
  registerBench,
  registerAdapt,
  registerCompatibility,
];
