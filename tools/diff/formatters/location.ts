/**
 * A change's location as people read it: `#/paths/~1chat~1completions/post/requestBody/content/application~1json/schema`
 * becomes `POST /chat/completions › request body › application/json › schema`, as oasdiff says
 * "POST /chat/completions"; component and schema-file locations keep their names. The JSON report keeps
 * the exact pointer. Pure.
 */
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const WORDS: Record<string, string> = { requestBody: "request body", responses: "response", content: "", schema: "schema", parameters: "parameter" };

const decode = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");

export function readableLocation(location: string): string {
  const hash = location.indexOf("#");
  if (hash === -1 && !location.startsWith("/")) return location; // already a name ("event (request)")
  const file = hash === -1 ? "" : location.slice(0, hash);
  const pointer = hash === -1 ? location : location.slice(hash + 1);
  const segments = pointer.split("/").slice(1).map(decode);
  const parts: string[] = [];
  let i = 0;
  if (segments[0] === "paths" && segments.length >= 2) {
    const method = segments[2];
    parts.push(method && METHODS.has(method) ? `${method.toUpperCase()} ${segments[1]}` : segments[1]);
    i = method && METHODS.has(method) ? 3 : 2;
  } else if (segments[0] === "components" && segments.length >= 3) {
    parts.push(`${segments[1]} ${segments[2]}`);
    i = 3;
  }
  for (; i < segments.length; i++) {
    const s = segments[i];
    const word = WORDS[s];
    // "responses/200" reads "response 200"; "content/application/json" reads "application/json".
    if (word !== undefined && word !== "schema" && i + 1 < segments.length && (s === "responses" || s === "parameters")) parts.push(`${word} ${segments[++i]}`);
    else if (word === "") continue;
    else parts.push(word ?? s);
  }
  const where = parts.join(" › ") || "(the document)";
  return file ? `${file}: ${where}` : where;
}
