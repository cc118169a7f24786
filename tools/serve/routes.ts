import { methodNotAllowed, pathNotFound } from "./http/errors.js";
import { createChatCompletion } from "./endpoints/chat.js";
import { createEmbeddings } from "./endpoints/embeddings.js";
import { listModels, retrieveModel } from "./endpoints/models.js";
import { discoveryDocument } from "./endpoints/discovery.js";
import { createClassifications } from "./endpoints/classifications.js";
import type { Handler } from "./endpoints/types.js";
import { cancelFineTuningJob, createFineTuningJob, listFineTuningEvents, listFineTuningJobs, retrieveFineTuningJob } from "./endpoints/fine-tuning.js";
import type { Endpoint } from "./hooks/engine.js";

interface Route {
  pattern: RegExp;
  endpoint: Endpoint;
  method: "GET" | "POST";
  handler: Handler;
  /** A POST that takes no body (cancel): nothing is read or required. */
  noBody?: true;
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
  { pattern: /^\/v1\/fine_tuning\/jobs$/, endpoint: "fine-tuning", method: "POST", handler: createFineTuningJob },
  { pattern: /^\/v1\/fine_tuning\/jobs$/, endpoint: "fine-tuning", method: "GET", handler: listFineTuningJobs },
  { pattern: /^\/v1\/fine_tuning\/jobs\/(?<job>[^/]+)$/, endpoint: "fine-tuning", method: "GET", handler: retrieveFineTuningJob },
  { pattern: /^\/v1\/fine_tuning\/jobs\/(?<job>[^/]+)\/cancel$/, endpoint: "fine-tuning", method: "POST", handler: cancelFineTuningJob, noBody: true },
  { pattern: /^\/v1\/fine_tuning\/jobs\/(?<job>[^/]+)\/events$/, endpoint: "fine-tuning", method: "GET", handler: listFineTuningEvents },
];

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** The route for a method and path, or the 404 (unknown path) / 405 (known path, other method, with Allow). */
export function matchRoute(method: string, pathname: string): Match {
  // A path may have a route per method (GET and POST /fine_tuning/jobs).
  const candidates = ROUTES.filter((r) => r.pattern.test(pathname));
  if (candidates.length === 0) throw pathNotFound(method, pathname);
  const route = candidates.find((r) => allowedMethods(r).includes(method));
  if (!route) throw methodNotAllowed(method, pathname, candidates.flatMap(allowedMethods));
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
