/**
 * What lis bench sends (spec/1.1/performance.md, PERF-016, PERF-017): synthetic prompts of about N tokens
 * with max_completion_tokens M, or the lines of a generation dataset in file order. A workload only makes
 * request bodies; sending them is request.ts's job.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FORMATS, judgeLine } from "../datasets/formats.js";
import { datasetHasher, readLines } from "../datasets/lines.js";
import { seededRandom } from "../serve/model/prng.js";
import { LisError, EXIT } from "../util/errors.js";
import { ROOT } from "../util/paths.js";

export interface PreparedRequest {
  body: Record<string, unknown>;
  /** The prompt length meant, for input tokens when the server reports no usage. */
  nominalInputTokens?: number;
}

export interface WorkloadJson {
  kind: "synthetic" | "dataset";
  input_tokens?: number;
  output_tokens?: number;
  ignore_eos?: boolean;
  seed?: number;
  dataset?: { path: string; sha256: string; lines: number };
}

export interface Workload {
  json: WorkloadJson;
  /** The body of the i-th request of a run (0-based). */
  request(i: number): PreparedRequest;
}

export interface SyntheticOptions {
  model: string;
  inputTokens: number;
  outputTokens: number;
  ignoreEos: boolean;
  seed: number;
}

let words: string[] | undefined;
/**
 * The fixed word list: the distinct short lower-case words of the reference model's public-domain corpus
 * (Aesop's Fables, shipped with the package), sorted. Common English words of two to seven letters are one
 * token each in the vocabularies of common models, so N words make a prompt of about N tokens.
 */
export function wordList(): string[] {
  words ??= [...new Set(readFileSync(join(ROOT, "tools", "serve", "model", "corpus", "aesop.txt"), "utf8").match(/\b[a-z]{2,7}\b/g) ?? [])].sort();
  return words;
}

/** Prompt i: `inputTokens` words drawn by a generator seeded with (seed, i): different for every request. */
export function syntheticPrompt(inputTokens: number, seed: number, i: number): string {
  const list = wordList();
  const random = seededRandom(`prompt:${seed}:${i}`);
  const out = new Array<string>(inputTokens);
  for (let k = 0; k < inputTokens; k++) out[k] = list[Math.floor(random() * list.length)];
  return out.join(" ");
}

const streamed = (body: Record<string, unknown>) => ({ ...body, stream: true, stream_options: { include_usage: true } });

export function syntheticWorkload(o: SyntheticOptions): Workload {
  return {
    json: { kind: "synthetic", input_tokens: o.inputTokens, output_tokens: o.outputTokens, ignore_eos: o.ignoreEos, seed: o.seed },
    request: (i) => ({
      body: streamed({ model: o.model, messages: [{ role: "user", content: syntheticPrompt(o.inputTokens, o.seed, i) }], max_completion_tokens: o.outputTokens, ...(o.ignoreEos ? { ignore_eos: true } : {}) }),
      nominalInputTokens: o.inputTokens,
    }),
  };
}

/**
 * A benchmark sends a generation line's prompt and scores nothing, so a line may leave out the reference
 * answer the format otherwise requires: a placeholder stands in for it while the line is checked.
 */
function withReference(text: string): string {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (typeof v === "object" && v !== null && !Array.isArray(v) && v.reference === undefined && v.references === undefined) return JSON.stringify({ ...v, reference: "-" });
  } catch {
    // not JSON: judgeLine says so
  }
  return text;
}

/** Lines held in memory at most: every line is sent, in order, again and again. */
const MAX_LINES = 1_000_000;
const MAX_PROBLEMS = 20;

/**
 * A generation dataset (schema dataset-generation-line): every line must be valid, or the run is refused
 * with each bad line as `file:line: reason` (exit 2), as lis eval does. A line's max_tokens is its output
 * length; others get `outputTokens`.
 */
export async function datasetWorkload(path: string, o: { model: string; outputTokens: number; ignoreEos: boolean }): Promise<Workload> {
  const hasher = datasetHasher();
  const lines: { messages: unknown[]; maxTokens?: number }[] = [];
  const problems: string[] = [];
  let bad = 0;
  try {
    for await (const raw of readLines(path, { onBytes: hasher.update })) {
      if ("problem" in raw) {
        if (++bad <= MAX_PROBLEMS) problems.push(`${path}:${raw.line}: ${raw.problem}`);
        continue;
      }
      if (raw.text.trim() === "") continue;
      const judged = judgeLine(withReference(raw.text), FORMATS.generation);
      if (!judged.ok) {
        if (++bad <= MAX_PROBLEMS) problems.push(`${path}:${raw.line}: ${judged.reasons.join("; ")}`);
        continue;
      }
      if (lines.length >= MAX_LINES) throw new LisError(`${path}: more than ${MAX_LINES} lines; use a smaller dataset`, EXIT.USAGE);
      const v = judged.value;
      lines.push({ messages: typeof v.prompt === "string" ? [{ role: "user", content: v.prompt }] : (v.messages as unknown[]), maxTokens: typeof v.max_tokens === "number" ? v.max_tokens : undefined });
    }
  } catch (err) {
    if (err instanceof LisError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new LisError(`cannot read the dataset ${path}: ${e.code === "ENOENT" ? "no such file" : e.message}`, EXIT.USAGE);
  }
  if (bad > 0) throw new LisError(`${bad} invalid line(s) in the dataset (each line is a generation item: {"prompt": "..."} or {"messages": [...]}, optional "max_tokens"):\n${problems.join("\n")}${bad > problems.length ? `\n… and ${bad - problems.length} more` : ""}`, EXIT.USAGE);
  if (lines.length === 0) throw new LisError(`${path}: the dataset has no lines`, EXIT.USAGE);
  return {
    json: { kind: "dataset", output_tokens: o.outputTokens, ignore_eos: o.ignoreEos, dataset: { path, sha256: hasher.digest(), lines: lines.length } },
    request: (i) => {
      const line = lines[i % lines.length];
      return { body: streamed({ model: o.model, messages: line.messages, max_completion_tokens: line.maxTokens ?? o.outputTokens, ...(o.ignoreEos ? { ignore_eos: true } : {}) }) };
    },
  };
}
