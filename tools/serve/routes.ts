import { methodNotAllowed, pathNotFound } from "./http/errors.js";
import { createChatCompletion } from "./endpoints/chat.js";
import { createEmbeddings } from "./endpoints/embeddings.js";
import { listModels, retrieveModel } from "./endpoints/models.js";
import { discoveryDocument } from "./endpoints/discovery.js";
import { createClassifications } from "./endpoints/classifications.js";
import type { Handler } from "./endpoints/types.js";
import type { Endpoint } from "./faults/index.js";

interface Route {
  pattern: RegExp;
  endpoint: Endpoint;
  method: "GET" | "POST";
  handler: Handler;
}

/**
 * Every path this server answers, under the /v1 base. HEAD is answered like GET (without a body). A model
 * id may contain `/`, percent-encoded or not (MODEL-010).
 */
const ROUTES: Route[] = [
  { pattern: /^\/v1\/models$/, endpoint: "models", method: "GET", handler: listModels },
  { pattern: /^\/v1\/models\/(?<model>.+)$/, endpoint: "model", method: "GET", handler: retrieveModel },
  { pattern: /^\/v1\/chat\/completions$/, endpoint: "chat", method: "POST", handler: createChatCompletion },
  { pattern: /^\/v1\/embeddings$/, endpoint: "embeddings", method: "POST", handler: createEmbeddings },
  { pattern: /^\/v1\/\.well-known\/lis$/, endpoint: "discovery", method: "GET", handler: discoveryDocument },
  { pattern: /^\/v1\/classifications$/, endpoint: "classifications", method: "POST", handler: createClassifications },
];

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** The route for a method and path, or the 404 (unknown path) / 405 (known path, other method, with Allow). */
export function matchRoute(method: string, pathname: string): Match {
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) throw pathNotFound(method, pathname);
  const allowed = allowedMethods(route);
  if (!allowed.includes(method)) throw methodNotAllowed(method, pathname, allowed);
  const groups = route.pattern.exec(pathname)?.groups ?? {};
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups)) {
    try {
      params[k] = decodeURIComponent(v);
    } catch {
      params[k] = v;
    }
  }
  return { route, params };
}

export const allowedMethods = (route: Route) => (route.method === "GET" ? ["GET", "HEAD"] : [route.method]);

/** The route whose path matches, whatever the method (for CORS preflights). */
export const routeFor = (pathname: string) => ROUTES.find((r) => r.pattern.test(pathname));

export function endpointOf(method: string, pathname: string): Endpoint {
  return ROUTES.find((r) => r.pattern.test(pathname))?.endpoint ?? "none";
}
