/**
 * The endpoint registry of a spec version: every method and path below the base URL that LIS defines,
 * with the profile that defines it and the profiles that extend it (spec/<version>/http.md, "Endpoint
 * registry"). The one list of endpoints: clauses that say "an endpoint" mean its rows, and the tests check
 * it against the version's OpenAPI document.
 */
import { PROFILES } from "../clauses/registry.js";
import { list, plain, type TableRow } from "./tables.js";
import { refuse, registryTable } from "./source.js";

export interface Endpoint {
  method: string;
  /** Relative to the base URL, with `{name}` path parameters: `/models/{model}`. */
  path: string;
  /** The profile that defines the endpoint. */
  profile: string;
  /** Profiles that add members to it. */
  extendedBy: string[];
  /** The spec document that defines it. */
  definedIn: string;
  file: string;
  line: number;
}

const HEADING = "Endpoint registry";
const COLUMNS = ["Method", "Path", "Profile", "Extended by", "Defined in"];
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const PATH = /^(\/(?:[a-z0-9_.-]+|\{[a-z_]+\}))+$/;

/** Pure: the rows of a registry table as endpoints, and every problem with them. */
export function readEndpoints(rows: TableRow[], file: string): { endpoints: Endpoint[]; problems: { file: string; line: number; message: string }[] } {
  const problems: { file: string; line: number; message: string }[] = [];
  const endpoints: Endpoint[] = [];
  const seen = new Set<string>();
  for (const { cells, line } of rows) {
    const problem = (message: string) => problems.push({ file, line, message });
    const method = plain(cells.Method ?? "");
    const path = plain(cells.Path ?? "");
    const profile = plain(cells.Profile ?? "");
    const extendedBy = list(cells["Extended by"] ?? "");
    if (!METHODS.has(method)) problem(`method "${method}" is not one of ${[...METHODS].join(", ")}`);
    if (!PATH.test(path)) problem(`path "${path}" is not a path below the base URL (segments of a-z, 0-9, _ . - or {name})`);
    for (const p of [profile, ...extendedBy]) if (!(PROFILES as readonly string[]).includes(p)) problem(`unknown profile "${p}"; known: ${PROFILES.join(", ")}`);
    const key = `${method} ${path}`;
    if (seen.has(key)) problem(`${key} is listed twice`);
    seen.add(key);
    const definedIn = /\(([^)]+\.md)\)/.exec(cells["Defined in"] ?? "")?.[1] ?? plain(cells["Defined in"] ?? "");
    endpoints.push({ method, path, profile, extendedBy, definedIn, file, line });
  }
  return { endpoints, problems };
}

/**
 * The endpoint registry of a spec version (from `dir`, a draft's folder, when given); throws a LisError
 * (exit 2) naming file:line for a malformed row.
 */
export function loadEndpoints(version: string, dir?: string): Endpoint[] {
  const table = registryTable(version, "http.md", HEADING, dir);
  const missing = COLUMNS.filter((c) => !table.headers.includes(c));
  refuse("endpoint registry", missing.map((c) => ({ file: table.file, line: table.line, message: `the table has no column "${c}" (columns: ${COLUMNS.join(", ")})` })));
  const { endpoints, problems } = readEndpoints(table.rows, table.file);
  refuse("endpoint registry", problems);
  return endpoints;
}

/** The endpoints a server of these profiles serves or extends: those a profile defines or extends. */
export const endpointsOfProfile = (endpoints: readonly Endpoint[], profile: string): Endpoint[] =>
  endpoints.filter((e) => e.profile === profile || e.extendedBy.includes(profile));
