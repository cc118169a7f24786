import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { LisError, EXIT } from "../util/errors.js";

/** A model this server lists and serves (every one is backed by the built-in model). */
export interface ServedModel {
  id: string;
  created: number;
  owned_by: string;
}

/** The default: `lis-tiny`, which serves chat and embeddings. */
export const DEFAULT_MODELS: ServedModel[] = [{ id: "lis-tiny", created: 1_767_225_600, owned_by: "lis" }];

const MAX_MODELS_FILE_BYTES = 1 << 20;

/**
 * Reads `--models file`: JSON or YAML, either a list or `{ models: [...] }`, each entry a model id or
 * `{ id, owned_by?, created? }`.
 */
export function loadModelsFile(file: string): ServedModel[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new LisError(`cannot read the models file ${file}: ${(err as Error).message}`, EXIT.USAGE);
  }
  if (text.length > MAX_MODELS_FILE_BYTES) throw new LisError(`the models file ${file} is larger than 1 MiB`, EXIT.USAGE);
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new LisError(`the models file ${file} is not valid JSON or YAML: ${(err as Error).message}`, EXIT.USAGE);
  }
  const list = Array.isArray(doc) ? doc : (doc as { models?: unknown } | null)?.models;
  const bad = (i: number, why: string) => new LisError(`${file}: models[${i}] ${why}; expected a model id or { id, owned_by?, created? }`, EXIT.USAGE);
  if (!Array.isArray(list) || list.length === 0) throw new LisError(`${file}: expected a non-empty list of models (or { models: [...] })`, EXIT.USAGE);
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const e = typeof entry === "string" ? { id: entry } : entry;
    if (typeof e !== "object" || e === null || typeof e.id !== "string" || e.id === "") throw bad(i, "has no id");
    if (seen.has(e.id)) throw bad(i, `repeats the id '${e.id}'`);
    seen.add(e.id);
    if (e.owned_by !== undefined && typeof e.owned_by !== "string") throw bad(i, "has a non-string owned_by");
    if (e.created !== undefined && !Number.isInteger(e.created)) throw bad(i, "has a non-integer created");
    return { id: e.id, owned_by: e.owned_by ?? "lis", created: e.created ?? DEFAULT_MODELS[0].created };
  });
}
