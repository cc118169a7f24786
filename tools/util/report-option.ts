import { LisError, EXIT } from "./errors.js";

/**
 * `--report json=out/report.json,junit=out/junit.xml` → [[format, path]], each format one of `formats`;
 * `{profile}` in a path (one file per profile) only for the formats in `perProfile`.
 */
export function parseReportOption(value: string, formats: readonly string[], perProfile: ReadonlySet<string> = new Set()): [string, string][] {
  return value.split(",").map((part) => {
    const m = /^([a-z-]+)=(.+)$/.exec(part.trim());
    if (!m) throw new LisError(`--report expects FORMAT=PATH[,FORMAT=PATH…], e.g. json=report.json; got '${part}'`, EXIT.USAGE);
    if (!formats.includes(m[1])) throw new LisError(`--report: unknown format '${m[1]}'; formats: ${formats.join(", ")}`, EXIT.USAGE);
    if (m[2].includes("{profile}") && !perProfile.has(m[1])) throw new LisError(`--report ${m[1]}: {profile} in the path is for ${perProfile.size > 0 ? [...perProfile].join(" and ") : "no format of this command"} (one file per profile)`, EXIT.USAGE);
    return [m[1], m[2]];
  });
}
