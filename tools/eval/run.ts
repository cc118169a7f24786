import { readFileSync } from "node:fs";
import { LisError, EXIT } from "../util/errors.js";
import { packageVersion } from "../util/paths.js";
import { loadEvalDataset } from "./dataset.js";
import { requestJson, type JsonClient, type RetryPolicy } from "./http.js";
import { PartialResults, partialPathOf } from "./partial.js";
import { buildReport, type ItemResult } from "./report.js";
import type { TaskClient } from "./tasks.js";

export interface EvalRunOptions {
  baseUrl: string;
  embedded: boolean;
  apiKey?: string;
  model: string;
  client: TaskClient;
  datasetPath: string;
  concurrency: number;
  limit?: number;
  /** Where the report goes; its partial results file sits beside it. Absent: no resume. */
  reportPath?: string;
  seed: number;
  maxTokens: number;
  policy: RetryPolicy;
  includeItems: boolean;
  conformanceReport?: string;
  onProgress?(p: { done: number; total: number; failed: number }): void;
}

export interface EvalRun {
  report: Record<string, unknown>;
  resumedItems: number;
}

/** Runs a dataset through an endpoint and builds the report; the edges (HTTP, partial file) are here, the metrics are pure. */
export async function runEval(o: EvalRunOptions): Promise<EvalRun> {
  const startedAt = new Date();
  const dataset = await loadEvalDataset(o.datasetPath, o.client.task, o.limit);
  const http: JsonClient = { baseUrl: o.baseUrl.replace(/\/+$/, ""), apiKey: o.apiKey, policy: o.policy };
  const conformance = o.conformanceReport ? readConformance(o.conformanceReport, o.client.profiles) : undefined;
  const model = await modelIdentity(http, o.model);
  if (model.unreachable) throw new LisError(`cannot reach ${o.baseUrl}: ${model.unreachable}`, EXIT.UNREACHABLE);

  const partial = o.reportPath
    ? PartialResults.open(partialPathOf(o.reportPath), { partial: "lis.eval", task: o.client.task, model: o.model, base_url: o.embedded ? "embedded" : o.baseUrl, dataset: dataset.sha256, limit: o.limit ?? null })
    : undefined;
  const results = new Map<number, ItemResult>(partial?.resumed ?? []);
  const resumedItems = results.size;
  const todo = dataset.items.filter((i) => !results.has(i.index));
  const ctx = { model: o.model, labels: dataset.labels, seed: o.seed, maxTokens: o.maxTokens };
  let failed = 0;
  const progress = () => o.onProgress?.({ done: results.size, total: dataset.items.length, failed });
  progress();

  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const item = todo[next++];
      const answer = await requestJson(http, "POST", o.client.endpoint, o.client.request(item, ctx));
      let result: ItemResult;
      if (!answer.ok) result = { index: item.index, status: "failed", error: answer.error, attempts: answer.attempts };
      else {
        const p = o.client.prediction(answer.value);
        result = "value" in p ? { index: item.index, status: "scored", prediction: p.value, attempts: answer.attempts } : { index: item.index, status: "failed", error: p.error, attempts: answer.attempts };
      }
      if (result.status === "failed") failed++;
      results.set(item.index, result);
      partial?.append(result);
      progress();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, todo.length || 1)) }, worker));

  const report = buildReport({
    task: o.client.task,
    model: { id: o.model, ...(o.embedded ? { embedded: true } : { base_url: o.baseUrl }), ...(model.lineage ? { lineage: model.lineage } : {}), ...(model.metadata ? { metadata: model.metadata } : {}) },
    dataset,
    settings: {
      endpoint: o.client.endpoint,
      ...(o.client.fallback ? { fallback: o.client.fallback } : {}),
      // Sampling settings only where requests carry them (chat completions, EVAL-004).
      ...(o.client.endpoint === "/chat/completions" ? { temperature: 0, seed: o.seed, max_tokens: o.maxTokens } : {}),
      concurrency: o.concurrency,
      limit: o.limit ?? null,
      max_retries: o.policy.maxRetries,
    },
    results: [...results.values()],
    runner: { name: "lis", version: packageVersion },
    startedAt,
    finishedAt: new Date(),
    includeItems: o.includeItems,
    conformance,
  });
  return { report, resumedItems };
}

/** The model object's `lis` member and its lineage (`kind`, `base_model`, spec/1.0/model-metadata.md), when the endpoint serves them; transport failure is reported. */
async function modelIdentity(http: JsonClient, id: string): Promise<{ lineage?: Record<string, unknown>; metadata?: Record<string, unknown>; unreachable?: string }> {
  const answer = await requestJson({ ...http, policy: { ...http.policy, maxRetries: Math.min(http.policy.maxRetries, 2) } }, "GET", `/models/${encodeURIComponent(id)}`);
  if (!answer.ok) return answer.error.startsWith("transport error") ? { unreachable: answer.error } : {};
  const lis = (answer.value as { lis?: unknown })?.lis;
  if (!lis || typeof lis !== "object" || Array.isArray(lis)) return {};
  const { kind, base_model } = lis as { kind?: unknown; base_model?: unknown };
  const lineage = typeof kind === "string" ? { kind, base_model: typeof base_model === "string" ? base_model : null } : undefined;
  return { metadata: lis as Record<string, unknown>, ...(lineage ? { lineage } : {}) };
}

/** The verdicts of the profiles used, from a `lis conformance --report-json` file. */
function readConformance(path: string, profiles: string[]): { source: string; profiles: { profile: string; verdict: string }[] } {
  let doc: { profileVerdicts?: Array<{ profile?: unknown; verdict?: unknown }> };
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new LisError(`cannot read the conformance report ${path}: ${(err as Error).message}`, EXIT.USAGE);
  }
  if (!Array.isArray(doc?.profileVerdicts)) throw new LisError(`${path} is not a lis conformance JSON report (no profileVerdicts)`, EXIT.USAGE);
  return {
    source: path,
    profiles: profiles.map((profile) => {
      const v = doc.profileVerdicts!.find((p) => p.profile === profile)?.verdict;
      return { profile, verdict: typeof v === "string" && ["conformant", "not-conformant", "incomplete"].includes(v) ? v : "unknown" };
    }),
  };
}
