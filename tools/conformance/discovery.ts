/**
 * Profile selection from the server's discovery document (spec/1.0/discovery.md): without --profile, the
 * runner tests core plus every declared profile it knows (DISC-004), ignoring names it does not know
 * (DISC-007). No document (404, transport error, not a discovery document) → undefined: test everything.
 */
import { packageVersion } from "../util/paths.js";
import { sendRequest } from "./http.js";

export const DISCOVERY_PATH = "/.well-known/lis";

/** Pure: the profiles a discovery response declares, or undefined when it is not a discovery document. */
export function profilesFromDiscovery(status: number, json: unknown): string[] | undefined {
  if (status !== 200 || typeof json !== "object" || json === null) return undefined;
  const doc = json as { object?: unknown; profiles?: unknown };
  if (doc.object !== "lis.discovery" || !Array.isArray(doc.profiles)) return undefined;
  return doc.profiles.filter((p): p is string => typeof p === "string");
}

/** The selected profiles: core first, then the known profiles the server declares, in the spec's order. */
export function selectDeclared(known: readonly string[], declared: readonly string[]): string[] {
  return known.filter((p) => p === "core" || declared.includes(p));
}

export async function fetchDeclaredProfiles(config: { baseUrl: string; apiKey?: string; timeoutMs: number }): Promise<string[] | undefined> {
  const headers: Record<string, string> = { "user-agent": `lis-conformance/${packageVersion}`, accept: "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const url = `${config.baseUrl.replace(/\/+$/, "")}${DISCOVERY_PATH}`;
  const outcome = await sendRequest({ method: "GET", url, headers }, { timeoutMs: Math.min(config.timeoutMs, 10_000), maxBodyBytes: 1024 * 1024 });
  return outcome.response ? profilesFromDiscovery(outcome.response.status, outcome.response.json) : undefined;
}
