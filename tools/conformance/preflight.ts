/**
 * Before any case runs: does the target answer, and is the run configured for it? A missing or wrong API
 * key, a base URL without `/v1` or a model the server does not serve would otherwise show as a thousand
 * lines of failures; each gets one line that says what is wrong and how to fix it (exit 2), and a target
 * that gives no HTTP answer at all is unreachable (exit 3).
 *
 * Two GETs are sent at once, both of which a run needs anyway: `/models` (the model list; its
 * `LIS-Version` header announces a version) and the discovery document (the profiles and versions the
 * server declares, read once per run). A third, `<base>/v1/models`, only when the base URL does not end
 * in `/v1`; and `/models` of the embeddings server, when there is one. And for a model the list does not name, whether the server serves it all the same: then it
 * breaks MODEL-006, which the cases judge (llama.cpp answers for any model id), and otherwise the run was
 * given a wrong `--model`. `GET /models/{model}` asks first; when it does not answer 2xx, one request
 * that uses the model (a one-token chat completion, or an embedding of one word) settles it. Nothing is
 * sent twice. The diagnosis is a pure function of the answers.
 */
import { sendRequest, type HttpOutcome } from "../http/client.js";
import { makeRedactor } from "../http/redact.js";
import { DISCOVERY_PATH, profilesFromDiscovery, versionsFromDiscovery, type Discovery } from "./discovery.js";
import { USER_AGENT } from "./runner.js";

/** What one probe got: an HTTP answer (status, headers, parsed body), or the transport error in words. */
export interface Probe {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  error?: string;
}

export interface PreflightProbes {
  models: Probe;
  discovery: Probe;
  /** `<base>/v1/models`, probed only when the base URL's path does not end in /v1. */
  v1Models?: Probe;
  /** `GET /models` of the embeddings server (--embedding-base-url), when there is one. */
  embeddingModels?: Probe;
  /** `GET /models/{id}`, by option, probed only for a model that its server's list does not name. */
  retrieved?: Partial<Record<ModelOption, Probe>>;
  /** A request that uses the model, by option, when `GET /models/{id}` did not answer 2xx. */
  used?: Partial<Record<ModelOption, Probe>>;
}

export interface PreflightTarget {
  baseUrl: string;
  /** The embeddings server, when it is another one (llama.cpp embeds in a second process). */
  embeddingBaseUrl?: string;
  apiKey?: string;
  /** Extra headers sent on every request (--header), and their values that must never be printed. */
  headers?: Record<string, string>;
  secrets?: string[];
  model: string;
  embeddingModel: string;
}

type ModelOption = "--model" | "--embedding-model";
interface ModelUse {
  option: ModelOption;
  id: string;
  /** The base URL of the server that must serve it. */
  base: string;
}

const trimBase = (url: string) => url.replace(/\/+$/, "");

/** The models the run uses, each with the server that must serve it. */
function modelUses(target: PreflightTarget): ModelUse[] {
  const base = trimBase(target.baseUrl);
  const embeddings = trimBase(target.embeddingBaseUrl ?? target.baseUrl);
  const uses: ModelUse[] = [{ option: "--model", id: target.model, base }];
  if (target.embeddingModel !== target.model || embeddings !== base) uses.push({ option: "--embedding-model", id: target.embeddingModel, base: embeddings });
  return uses;
}

export type PreflightOutcome =
  | { verdict: "ok"; lisVersion?: string; discovery: Discovery; server?: string; models?: string[] }
  /** No HTTP answer to GET /models (exit 3). */
  | { verdict: "unreachable"; reason: string }
  /** The target answers, but not to this configuration (exit 2). */
  | { verdict: "misconfigured"; reason: string };

const MODELS_SHOWN = 20;
const is2xx = (p: Probe | undefined) => p?.status !== undefined && p.status >= 200 && p.status < 300;
const denied = (p: Probe | undefined) => p?.status === 401 || p?.status === 403;

/** A 4xx whose error names the model (code model_not_found, param model, "model 'x' not found"…). */
function refusesModel(p: Probe | undefined): boolean {
  if (p?.status === undefined || p.status < 400 || p.status >= 500) return false;
  const error = (p.json as { error?: unknown } | undefined)?.error ?? (p.json as { detail?: unknown } | undefined)?.detail;
  return /model/i.test(typeof error === "string" ? error : JSON.stringify(error ?? "") ?? "");
}

/** The ids of a model list (`{ data: [{ id }] }`), or undefined when the body is not one. */
export function listedModels(json: unknown): string[] | undefined {
  const data = (json as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return undefined;
  return data.map((m) => (m as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === "string");
}

/** Pure: the ids that the model list of `use`'s server names, when it answered one that is not empty. */
function listFor(use: ModelUse, probes: Pick<PreflightProbes, "models" | "embeddingModels">, target: PreflightTarget): string[] | undefined {
  const list = use.base === trimBase(target.baseUrl) ? probes.models : probes.embeddingModels;
  const ids = is2xx(list) ? listedModels(list!.json) : undefined;
  return ids && ids.length > 0 ? ids : undefined;
}

/** Pure: the run's models that a non-empty model list of their server does not name. */
export function unlistedModels(probes: Pick<PreflightProbes, "models" | "embeddingModels">, target: PreflightTarget): ModelUse[] {
  return modelUses(target).filter((use) => {
    const ids = listFor(use, probes, target);
    return ids !== undefined && !ids.includes(use.id);
  });
}

/** Pure: the pre-flight's verdict from the probes' answers. */
export function diagnosePreflight(probes: PreflightProbes, target: PreflightTarget): PreflightOutcome {
  const base = trimBase(target.baseUrl);
  const { models, discovery, v1Models, embeddingModels } = probes;
  if (models.status === undefined) return { verdict: "unreachable", reason: `cannot reach ${base}: ${models.error ?? "no answer"}` };
  if (target.embeddingBaseUrl && embeddingModels?.status === undefined) return { verdict: "unreachable", reason: `cannot reach the embeddings server ${trimBase(target.embeddingBaseUrl)}: ${embeddingModels?.error ?? "no answer"}` };

  // The spec's endpoints live below a base URL whose path ends in /v1 (HTTP-001); a server that answers
  // there is being tested at the wrong address, whatever it answers without the /v1.
  if (is2xx(v1Models) && listedModels(v1Models!.json) !== undefined) {
    return { verdict: "misconfigured", reason: `the base URL lacks /v1: GET ${base}/v1/models answers ${v1Models!.status} with a model list (GET ${base}/models: ${models.status}); pass --base-url ${base}/v1` };
  }

  // Every probe refused: the key. GET /models may be public (HTTP-020) and discovery may not be served.
  const modelsFits = denied(models) || is2xx(models);
  const discoveryFits = denied(discovery) || discovery.status === undefined || discovery.status === 404;
  if ((denied(models) || denied(discovery)) && modelsFits && discoveryFits) {
    const answers = `GET /models answered ${models.status}, GET ${DISCOVERY_PATH} ${discovery.status ?? "nothing"}`;
    return {
      verdict: "misconfigured",
      reason: target.apiKey ? `the server refused the API key (${answers}): check --api-key or LIS_API_KEY` : `the server requires an API key (${answers}): pass --api-key KEY or set LIS_API_KEY`,
    };
  }

  for (const use of unlistedModels(probes, target)) {
    const used = probes.used?.[use.option];
    if (is2xx(probes.retrieved?.[use.option]) || !refusesModel(used)) continue;
    const ids = listFor(use, probes, target)!;
    const shown = `${ids.slice(0, MODELS_SHOWN).join(", ")}${ids.length > MODELS_SHOWN ? ` and ${ids.length - MODELS_SHOWN} more` : ""}`;
    const server = use.base === base ? "this server" : `the embeddings server ${use.base}`;
    return { verdict: "misconfigured", reason: `${use.option} ${use.id} is not a model of ${server} (GET /models does not list it, and a request with it answered ${used!.status}); it lists: ${shown}` };
  }

  const found: Discovery = discovery.status === undefined ? {} : { profiles: profilesFromDiscovery(discovery.status, discovery.json), versions: versionsFromDiscovery(discovery.status, discovery.json) };
  // The report shows the server's own document, when it is one and small.
  if (found.profiles !== undefined && JSON.stringify(discovery.json).length <= 16 * 1024) found.document = discovery.json as Record<string, unknown>;
  const server = models.headers?.server;
  const ids = listedModels(models.json)?.slice(0, 100);
  return { verdict: "ok", lisVersion: models.headers?.["lis-version"], discovery: found, ...(server ? { server } : {}), ...(ids ? { models: ids } : {}) };
}

type ProbeLimits = { timeoutMs: number; maxBodyBytes?: number; maxDepth?: number; signal?: AbortSignal };

type Auth = Pick<PreflightTarget, "apiKey" | "headers" | "secrets">;

/** One GET (or a POST of `body`) with the run's key, headers and caps, at most 10 s. */
async function probe(url: string, auth: Auth, limits: ProbeLimits, body?: unknown): Promise<Probe> {
  const { apiKey } = auth;
  const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: "application/json", ...auth.headers };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = { method: body === undefined ? "GET" : "POST", url, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const outcome: HttpOutcome = await sendRequest(request, { maxBodyBytes: 1024 * 1024, ...limits, timeoutMs: Math.min(limits.timeoutMs, 10_000) });
  if (outcome.error) return { error: `${outcome.error.kind}: ${makeRedactor([apiKey, ...(auth.secrets ?? [])])(outcome.error.message)}` };
  return { status: outcome.response.status, headers: outcome.response.headers, json: outcome.response.json };
}

/** Sends the probes and diagnoses their answers. */
export async function preflight(target: PreflightTarget, limits: ProbeLimits): Promise<PreflightOutcome> {
  const base = trimBase(target.baseUrl);
  const lacksV1 = !/\/v1$/.test(trimBase(new URL(base).pathname));
  const [models, discovery, v1Models, embeddingModels] = await Promise.all([
    probe(`${base}/models`, target, limits),
    probe(`${base}${DISCOVERY_PATH}`, target, limits),
    lacksV1 ? probe(`${base}/v1/models`, target, limits) : undefined,
    target.embeddingBaseUrl ? probe(`${trimBase(target.embeddingBaseUrl)}/models`, target, limits) : undefined,
  ]);
  const retrieved: PreflightProbes["retrieved"] = {};
  const used: PreflightProbes["used"] = {};
  await Promise.all(
    unlistedModels({ models, embeddingModels }, target).map(async (use) => {
      retrieved[use.option] = await probe(`${use.base}/models/${encodeURIComponent(use.id)}`, target, limits);
      if (is2xx(retrieved[use.option])) return;
      used[use.option] =
        use.option === "--model"
          ? await probe(`${use.base}/chat/completions`, target, limits, { model: use.id, messages: [{ role: "user", content: "Hello" }], max_tokens: 1 })
          : await probe(`${use.base}/embeddings`, target, limits, { model: use.id, input: "Hello" });
    }),
  );
  return diagnosePreflight({ models, discovery, v1Models, embeddingModels, retrieved, used }, target);
}

/** Whether the target gives any HTTP answer to GET /models now (before a POST is sent a second time). */
export async function answersAtAll(baseUrl: string, auth: Auth, timeoutMs: number): Promise<boolean> {
  return (await probe(`${trimBase(baseUrl)}/models`, auth, { timeoutMs: Math.min(timeoutMs, 5_000) })).status !== undefined;
}
