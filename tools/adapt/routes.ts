/**
 * The paths the proxy serves under /v1 (spec/1.1/http.md's table and the profiles' endpoints). Chat,
 * embeddings, models and discovery are the proxy's own; classification and fine-tuning are relayed, and
 * exist only when the proxy declares those profiles (because the upstream declares them).
 */
import { methodNotAllowed, pathNotFound } from "../serve/http/errors.js";

export type RouteName = "models" | "model" | "chat" | "embeddings" | "discovery" | "relay";

interface Route {
  pattern: RegExp;
  method: "GET" | "POST";
  name: RouteName;
  /** The profile the path belongs to, when it is not one the proxy always serves. */
  profile?: string;
}

const ROUTES: Route[] = [
  { pattern: /^\/v1\/models$/, method: "GET", name: "models" },
  { pattern: /^\/v1\/models\/(?<model>.+)$/, method: "GET", name: "model" },
  { pattern: /^\/v1\/chat\/completions$/, method: "POST", name: "chat" },
  { pattern: /^\/v1\/embeddings$/, method: "POST", name: "embeddings" },
  { pattern: /^\/v1\/\.well-known\/lis$/, method: "GET", name: "discovery" },
  { pattern: /^\/v1\/classifications$/, method: "POST", name: "relay", profile: "classification" },
  { pattern: /^\/v1\/fine_tuning\/jobs$/, method: "POST", name: "relay", profile: "fine-tuning" },
  { pattern: /^\/v1\/fine_tuning\/jobs$/, method: "GET", name: "relay", profile: "fine-tuning" },
  { pattern: /^\/v1\/fine_tuning\/jobs\/[^/]+$/, method: "GET", name: "relay", profile: "fine-tuning" },
  { pattern: /^\/v1\/fine_tuning\/jobs\/[^/]+\/cancel$/, method: "POST", name: "relay", profile: "fine-tuning" },
  { pattern: /^\/v1\/fine_tuning\/jobs\/[^/]+\/events$/, method: "GET", name: "relay", profile: "fine-tuning" },
];

const allowed = (r: Route) => (r.method === "GET" ? ["GET", "HEAD"] : [r.method]);

export interface Match {
  name: RouteName;
  method: "GET" | "POST";
  params: Record<string, string>;
  /** A POST whose body is not read (fine-tuning's cancel). */
  noBody: boolean;
}

/** The route for a method and path among the declared profiles' paths; 404 for an unknown path, 405 (with Allow) for another method. */
export function matchRoute(method: string, pathname: string, profiles: readonly string[]): Match {
  const candidates = routesOf(profiles).filter((r) => r.pattern.test(pathname));
  if (candidates.length === 0) throw pathNotFound(method, pathname);
  const route = candidates.find((r) => allowed(r).includes(method));
  if (!route) throw methodNotAllowed(method, pathname, candidates.flatMap(allowed));
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(route.pattern.exec(pathname)?.groups ?? {})) {
    try {
      params[k] = decodeURIComponent(v);
    } catch {
      params[k] = v;
    }
  }
  return { name: route.name, method: route.method, params, noBody: pathname.endsWith("/cancel") };
}

/** Whether a path is one of the proxy's endpoint paths (for CORS preflights), and the methods it takes. */
export function methodsFor(pathname: string, profiles: readonly string[]): string[] {
  return routesOf(profiles).filter((r) => r.pattern.test(pathname)).flatMap(allowed);
}

/** The routes of the declared profiles; a proxy's profiles are fixed at start, so this runs once per list. */
const declaredRoutes = new WeakMap<readonly string[], Route[]>();
function routesOf(profiles: readonly string[]): Route[] {
  let routes = declaredRoutes.get(profiles);
  if (!routes) declaredRoutes.set(profiles, (routes = ROUTES.filter((r) => r.profile === undefined || profiles.includes(r.profile))));
  return routes;
}
