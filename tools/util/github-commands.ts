/**
 * GitHub Actions workflow commands (`::error file=…,title=…::message`), escaped as @actions/core escapes
 * them: the message escapes %, CR and LF; properties also : and ,. Pure.
 */
export const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export type AnnotationLevel = "error" | "warning" | "notice";

/** One annotation line; properties with an undefined value are left out. */
export function workflowCommand(level: AnnotationLevel, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "number" ? v : escapeProperty(v!)}`)
    .join(",");
  return `::${level}${props ? ` ${props}` : ""}::${escapeData(message)}\n`;
}
