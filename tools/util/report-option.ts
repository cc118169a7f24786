import { LisError, EXIT } from "./errors.js";

/** `--report json=out/report.json,junit=out/junit.xml` → [[format, path]], each format one of `formats`. */
export function parseReportOption(value: string, formats: readonly string[]): [string, string][] {
  return value.split(",").map((part) => {
    const m = /^([a-z]+)=(.+)$/.exec(part.trim());
    if (!m) throw new LisError(`--report expects FORMAT=PATH[,FORMAT=PATH…], e.g. json=report.json; got '${part}'`, EXIT.USAGE);
    if (!formats.includes(m[1])) throw new LisError(`--report: unknown format '${m[1]}'; formats: ${formats.join(", ")}`, EXIT.USAGE);
    return [m[1], m[2]];
  });
}
