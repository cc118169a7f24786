/**
 * Which LIS versions the reference server implements. By default 1.0 and 1.1 (1.1 adds the reasoning
 * profile, spec/1.1/reasoning.md); `--spec 1.0` makes it a pure 1.0 server, so that the runner's handling
 * of a 1.0-only server can be seen against it.
 */
export const SERVED_SPECS = ["1.0", "1.1"] as const;
export type ServedSpec = (typeof SERVED_SPECS)[number];
export const DEFAULT_SERVED_SPEC: ServedSpec = "1.1";

/** The versions a server started for `spec` implements, lowest first (discovery `lis_versions`). */
export const lisVersions = (spec: ServedSpec): string[] => SERVED_SPECS.slice(0, SERVED_SPECS.indexOf(spec) + 1);

/** Whether a server started for `spec` implements 1.1's additions (reasoning_effort, reasoning_content). */
export const implementsReasoning = (spec: ServedSpec): boolean => spec !== "1.0";

/**
 * The response's `LIS-Version` (VER-002): the request's MAJOR.MINOR when the server implements it, else the
 * highest version it implements.
 */
export function responseLisVersion(requested: string | string[] | undefined, spec: ServedSpec): string {
  const versions = lisVersions(spec);
  const m = typeof requested === "string" ? /^\s*(\d+\.\d+)(\.\d+)?\s*$/.exec(requested) : null;
  return m && versions.includes(m[1]) ? m[1] : versions[versions.length - 1];
}

/**
 * Whether a server started for `spec` follows 1.1's corrections of 1.0 (spec/1.0/ERRATA.md): a `null`
 * member it does not implement is absent (ERR-022), and `metadata` and `store` are request members
 * (CHAT-046, CHAT-047). A 1.0 server rejects all of them by name, as ERR-015 of 1.0 requires.
 */
export const followsErrata = (spec: ServedSpec): boolean => spec !== "1.0";
