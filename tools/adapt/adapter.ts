/**
 * The state of one running proxy: its dialect (engine), its upstreams, the model directory and the
 * profiles it declares. Made once at start; the HTTP edge (server.ts) and the endpoint handlers share it.
 */
import { makeRedactor, type Redactor } from "../http/redact.js";
import { EXIT, LisError } from "../util/errors.js";
import { dialectNames, loadDialect, type Dialect } from "./dialect.js";
import { Engine } from "./engine.js";
import type { ApiError } from "./errors.js";
import { ModelDirectory } from "./models.js";
import { isObj, pointerAt, type Obj } from "./rule.js";
import { Upstream } from "./upstream.js";
import { SERVED_SPECS } from "../serve/versions.js";

export type Reply =
  | { kind: "json"; status: number; body: unknown }
  /** Serialised events, produced as the client reads them; cancel() abandons the upstream. */
  | { kind: "events"; frames: AsyncIterable<string>; cancel(): void }
  | { kind: "error"; error: ApiError };

/** Profiles the proxy knows how to relay (it repairs chat, streams, tools, JSON output and embeddings itself). */
export const RELAYABLE = ["core", "streaming", "tools", "structured-output", "embeddings", "classification", "multimodal", "model-metadata", "discovery", "fine-tuning", "reasoning"];

export interface AdapterOptions {
  /** The upstream's base URL, ending in /v1. */
  upstream: string;
  /** A second upstream for /embeddings (llama.cpp serves embeddings from a process of its own). */
  embeddingsUpstream?: string;
  /** A shipped dialect's name, a dialect file, or "auto" (default): recognised from the upstream's GET /models. */
  dialect?: string;
  /** Key the proxy's clients must send. */
  apiKey?: string;
  /** Key the proxy sends upstream. */
  upstreamKey?: string;
  /** Send the client's own Authorization header upstream (only when the operator asks). */
  forwardKey?: boolean;
  /** The profiles to declare (core and discovery always); default: what the upstream declares, else the dialect's. */
  profiles?: string[];
  maxBodyBytes?: number;
  /** Until the upstream's answer (headers, and the body of a non-streamed answer). */
  timeoutMs?: number;
  /** Longest pause inside an upstream stream. */
  idleTimeoutMs?: number;
  /** Largest upstream answer read. */
  maxUpstreamBytes?: number;
  /** Answer CORS preflights and allow this origin. */
  cors?: string;
}

export interface Adapter {
  dialect: Dialect;
  engine: Engine;
  chat: Upstream;
  embeddingsUpstream: Upstream;
  models: ModelDirectory;
  profiles: string[];
  lisVersions: string[];
  limits: Record<string, number>;
  redact: Redactor;
  options: AdapterOptions & { maxBodyBytes: number };
  /** How the dialect was chosen (for the start-up line). */
  chosenBy: string;
}

export const DEFAULTS = { maxBodyBytes: 4 * 1024 * 1024, timeoutMs: 600_000, idleTimeoutMs: 300_000, maxUpstreamBytes: 256 * 1024 * 1024 };

export async function createAdapter(options: AdapterOptions): Promise<Adapter> {
  const timeouts = { timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs, idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs, maxBodyBytes: options.maxUpstreamBytes ?? DEFAULTS.maxUpstreamBytes };
  const chat = new Upstream({ baseUrl: checkedUrl(options.upstream, "--upstream"), key: options.upstreamKey, ...timeouts });
  const embeddingsUpstream = options.embeddingsUpstream ? new Upstream({ baseUrl: checkedUrl(options.embeddingsUpstream, "--embeddings-upstream"), key: options.upstreamKey, ...timeouts }) : chat;
  // Start-up questions are quick ones: a server that does not answer them in seconds is not there.
  const probe = new Upstream({ ...chat.options, timeoutMs: Math.min(timeouts.timeoutMs, 10_000) });
  try {
    return await adapterFrom(options, chat, embeddingsUpstream, probe);
  } catch (err) {
    await Promise.all([chat.close(), embeddingsUpstream.close()]);
    throw err;
  } finally {
    await probe.close();
  }
}

async function adapterFrom(options: AdapterOptions, chat: Upstream, embeddingsUpstream: Upstream, probe: Upstream): Promise<Adapter> {
  const [listed, declared] = await Promise.all([probe.send("GET", "models"), probe.send("GET", ".well-known/lis")]);
  const { dialect, chosenBy } = chooseDialect(options.dialect ?? "auto", listed.response);
  const engine = new Engine(dialect);
  const redact = makeRedactor([options.apiKey, options.upstreamKey]);
  const discovery = declared.response?.status === 200 && isObj(declared.response.json) && declared.response.json.object === "lis.discovery" ? declared.response.json : undefined;
  const upstreamProfiles = discovery && Array.isArray(discovery.profiles) ? discovery.profiles.filter((p): p is string => typeof p === "string") : undefined;
  // A server that embeds in a process of its own (llama.cpp) cannot embed without that process.
  const dialectProfiles = dialect.embeddingsApart && !options.embeddingsUpstream ? dialect.profiles.filter((p) => p !== "embeddings") : dialect.profiles;
  const unknown = (options.profiles ?? []).filter((p) => !RELAYABLE.includes(p));
  if (unknown.length > 0) throw new LisError(`--profile: unknown profile ${unknown.join(", ")}; known: ${RELAYABLE.join(", ")}`, EXIT.USAGE);
  const base = options.profiles ?? upstreamProfiles ?? dialectProfiles;
  const profiles = RELAYABLE.filter((p) => p === "core" || p === "discovery" || base.includes(p));
  const lisVersions = versionsUpTo(discovery?.lis_versions);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const limits: Record<string, number> = { max_body_bytes: maxBodyBytes };
  const upstreamLimits = discovery && isObj(discovery.limits) ? discovery.limits : {};
  for (const k of ["max_tokens", "max_batch_size"]) if (Number.isInteger(upstreamLimits[k])) limits[k] = upstreamLimits[k] as number;
  // Limits the dialect knows where to read (llama.cpp's context length in /props), unless the upstream states its own.
  for (const [k, where] of Object.entries(dialect.limits)) {
    if (limits[k] !== undefined) continue;
    const n = pointerAt(await probe.probe.json("GET", where.get), where.pointer);
    if (typeof n === "number" && Number.isInteger(n) && n >= 1) limits[k] = n;
  }
  const sources = embeddingsUpstream === chat ? [{ upstream: chat, serves: ["chat", "embeddings"] as ("chat" | "embeddings")[] }] : [{ upstream: chat, serves: ["chat"] as ("chat" | "embeddings")[] }, { upstream: embeddingsUpstream, serves: ["embeddings"] as ("chat" | "embeddings")[] }];
  return {
    dialect,
    engine,
    chat,
    embeddingsUpstream,
    models: new ModelDirectory(sources, engine, redact),
    profiles,
    lisVersions,
    limits,
    redact,
    options: { ...options, maxBodyBytes },
    chosenBy: upstreamProfiles ? `${chosenBy}; profiles from the upstream's discovery document` : chosenBy,
  };
}

/**
 * The versions the proxy implements: every version it knows up to the newest the upstream declares (a minor
 * version only adds, so a 1.1 server meets 1.0 too: DISC-002), or all it knows when the upstream declares none.
 */
function versionsUpTo(declared: unknown): string[] {
  const known: readonly string[] = SERVED_SPECS;
  const listed = Array.isArray(declared) ? declared.filter((v): v is string => known.includes(v as string)) : [];
  if (listed.length === 0) return [...known];
  const newest = Math.max(...listed.map((v) => known.indexOf(v)));
  return known.slice(0, newest + 1);
}

function checkedUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LisError(`${option} ${value} is not a URL; give the server's base URL, e.g. http://127.0.0.1:8080/v1`, EXIT.USAGE);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new LisError(`${option} must be http:// or https://, got ${url.protocol}`, EXIT.USAGE);
  if (url.search || url.hash) throw new LisError(`${option} must not carry a query or fragment: ${value}`, EXIT.USAGE);
  return value;
}

/**
 * `auto` picks the first shipped dialect whose `detect` matches the upstream's answer to GET /models (a
 * response header such as llama.cpp's `Server`, or the models' `owned_by`), else the generic `openai`.
 */
function chooseDialect(requested: string, listed: { headers: Record<string, string>; json?: unknown } | undefined): { dialect: Dialect; chosenBy: string } {
  if (requested !== "auto") return { dialect: loadDialect(requested), chosenBy: "--dialect" };
  if (!listed) throw new LisError("--dialect auto needs an answer from the upstream's GET /models to recognise it; start the upstream first or name the dialect (--dialect)", EXIT.UNREACHABLE);
  const owners = isObj(listed.json) && Array.isArray(listed.json.data) ? listed.json.data.map((m) => (isObj(m) ? String(m.owned_by ?? "") : "")) : [];
  for (const name of dialectNames()) {
    const d = loadDialect(name);
    const by = d.detect;
    if (!by) continue;
    const header = Object.entries(by.headers ?? {}).some(([h, re]) => new RegExp(re, "i").test(listed.headers[h.toLowerCase()] ?? "\u0000"));
    const owner = by.ownedBy !== undefined && owners.some((o) => new RegExp(by.ownedBy!).test(o));
    if (header || owner) return { dialect: d, chosenBy: `recognised by --dialect auto (${header ? "a response header" : "owned_by of its models"})` };
  }
  return { dialect: loadDialect("openai"), chosenBy: "--dialect auto found no known server; the generic OpenAI-style dialect" };
}

/** What the proxy declares about itself at GET /.well-known/lis. */
export function discoveryDocument(a: Adapter, modelIds: string[]): Obj {
  return { object: "lis.discovery", lis_versions: a.lisVersions, profiles: a.profiles, limits: a.limits, models: modelIds };
}
