/**
 * Profile selection from the server's discovery document (spec/1.0/discovery.md): without --profile, the
 * runner tests core plus every declared profile it knows (DISC-004), ignoring names it does not know
 * (DISC-007). No document (404, transport error, not a discovery document) → undefined: test everything.
 */
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

/** Pure: the LIS versions a discovery response lists (DISC-002), or undefined. */
export function versionsFromDiscovery(status: number, json: unknown): string[] | undefined {
  if (profilesFromDiscovery(status, json) === undefined) return undefined;
  const versions = (json as { lis_versions?: unknown }).lis_versions;
  return Array.isArray(versions) ? versions.filter((v): v is string => typeof v === "string") : undefined;
}

/** What a server's discovery document says (read once per run, by the pre-flight); undefined members when it has none. */
export interface Discovery {
  profiles?: string[];
  versions?: string[];
  /** The document as served, for the report's account of the server (a discovery document only, ≤ 16 KiB). */
  document?: Record<string, unknown>;
}

/**
 * Pure: the LIS versions the server announces (spec/1.0/versioning.md): its discovery document's
 * lis_versions, else the `LIS-Version` header of its answer to the pre-flight GET /models; undefined when it
 * announces nothing.
 */
export function announcedVersions(discovery: Discovery, lisVersionHeader: string | undefined): { versions: string[]; source: string } | undefined {
  if (discovery.versions && discovery.versions.length > 0) return { versions: discovery.versions, source: `lis_versions of ${DISCOVERY_PATH}` };
  return lisVersionHeader ? { versions: [lisVersionHeader], source: "the LIS-Version header of GET /models" } : undefined;
}
