import { invalidRequest } from "../http/errors.js";
import { boolean, integer, isObject, number, object, oneOf, onlyKnown, optional, path, required, string, type Obj } from "../validate/fields.js";
import type { JobSpec } from "./jobs.js";

const PARAMETERS = ["model", "training_file", "validation_file", "hyperparameters", "seed", "suffix", "lis"];
const HYPERPARAMETERS = ["n_epochs", "batch_size", "learning_rate_multiplier"];
export const DEFAULT_HYPERPARAMETERS = { n_epochs: 3, batch_size: 8, learning_rate_multiplier: 1 };
/** Epochs of a simulated job are steps of a poll: kept small. */
const MAX_EPOCHS = 50;

/**
 * Reads a create request (spec/1.0/fine-tuning.md, FT-011): unknown members rejected by name, every
 * error with the field path of the member at fault. `checkHyperparameters` is off only under a fault.
 */
export function parseJobRequest(body: Obj, checkHyperparameters = true, nullIsAbsent = false): JobSpec {
  onlyKnown(body, PARAMETERS, "", nullIsAbsent);
  const model = string(required(body, "model"), "model");
  const trainingFile = string(required(body, "training_file"), "training_file");
  if (trainingFile === "") throw invalidRequest("Invalid value for 'training_file': it must not be empty.", "training_file");
  const hp = optional(body, "hyperparameters", "", object, {} as Obj);
  onlyKnown(hp, HYPERPARAMETERS, "hyperparameters");
  const read = <T>(key: string, reader: (v: unknown, param: string) => T, fallback: T): T =>
    checkHyperparameters ? optional(hp, key, "hyperparameters", reader, fallback) : ((hp[key] as T | undefined) ?? fallback);
  const hyperparameters = {
    n_epochs: read("n_epochs", (v, p) => integer(v, p, 1, MAX_EPOCHS), DEFAULT_HYPERPARAMETERS.n_epochs),
    batch_size: read("batch_size", (v, p) => integer(v, p, 1, 1 << 16), DEFAULT_HYPERPARAMETERS.batch_size),
    learning_rate_multiplier: read("learning_rate_multiplier", (v, p) => positive(v, p), DEFAULT_HYPERPARAMETERS.learning_rate_multiplier),
  };
  // Under the FT-011 fault a nonsense value is taken as given; the simulation still needs a step count.
  if (!(hyperparameters.n_epochs >= 1)) hyperparameters.n_epochs = 1;
  const lis = optional(body, "lis", "", object, {} as Obj);
  onlyKnown(lis, ["format", "method", "simulate"], "lis");
  const format = optional(lis, "format", "lis", (v, p) => oneOf(v, p, ["chat", "classification"] as const), "chat" as const);
  const method = optional(lis, "method", "lis", readMethod, { type: "full" } as JobSpec["method"]);
  const simulate = optional(lis, "simulate", "lis", object, {} as Obj);
  onlyKnown(simulate, ["fail"], "lis.simulate");
  return {
    model,
    trainingFile,
    validationFile: optional(body, "validation_file", "", string, null as string | null),
    hyperparameters,
    seed: optional(body, "seed", "", (v, p) => integer(v, p, -(2 ** 53), 2 ** 53), 0),
    suffix: optional(body, "suffix", "", (v, p) => suffixOf(v, p), null as string | null),
    format,
    method,
    simulateFail: optional(simulate, "fail", "lis.simulate", boolean, false),
  };
}

function positive(v: unknown, param: string): number {
  const n = number(v, param, 0, 1000);
  if (n <= 0) throw invalidRequest(`Invalid value for '${param}': it must be greater than 0.`, param);
  return n;
}

function readMethod(v: unknown, param: string): JobSpec["method"] {
  const m = object(v, param);
  const type = oneOf(required(m, "type", param), path(param, "type"), ["full", "lora"] as const);
  if (type === "full") {
    onlyKnown(m, ["type"], param);
    return { type };
  }
  onlyKnown(m, ["type", "rank", "alpha"], param);
  return { type, rank: integer(required(m, "rank", param), path(param, "rank"), 1, 4096), alpha: positive(required(m, "alpha", param), path(param, "alpha")) };
}

function suffixOf(v: unknown, param: string): string {
  const s = string(v, param);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(s)) throw invalidRequest(`Invalid value for '${param}': up to 64 letters, digits, '-' or '_'.`, param);
  return s;
}

export const isJobRequestObject = isObject;
