import { Resolver, createHttpAndFileResolver } from "@stoplight/spectral-ref-resolver";
import { readBoundedFile } from "./document.js";
import { LisError } from "../util/errors.js";
import { buildTraversalView } from "./traversal-view.js";

/** Marks the resolver error of a remote `$ref` we refused to fetch, so the engine can turn it into its own finding. */
export const REMOTE_REF_REFUSED = "remote $ref not fetched";

/** Input errors met while resolving (a `$ref` to a missing or oversized file): the engine reports them as exit 2. */
export interface ResolverProblems {
  inputErrors: string[];
}

/** When set, single-file documents get a traversal view (see traversal-view.ts) of this depth as their resolved tree. */
export interface ViewOptions {
  viewDepth?: number;
}

type Uri = { toString(): string; path(): string };

/**
 * The `$ref` resolver of lis lint: local files are read with the same size cap as the document itself; http(s)
 * references are fetched only when the user allows it, otherwise they fail with a message that says why.
 */
export function createLintResolver(options: { allowRemoteRefs: boolean } & ViewOptions, problems: ResolverProblems): Resolver {
  let externalDocuments = 0;
  const stock = createHttpAndFileResolver() as unknown as { resolvers: Record<string, { resolve(uri: Uri): Promise<unknown> }> };
  const refuseRemote = {
    async resolve(uri: Uri): Promise<unknown> {
      throw new Error(`${REMOTE_REF_REFUSED}: ${uri.toString()} (lis lint does not fetch remote references; pass --allow-remote-refs to fetch them)`);
    },
  };
  const file = {
    async resolve(uri: Uri): Promise<unknown> {
      const path = decodeURIComponent(uri.path());
      externalDocuments++;
      try {
        return readBoundedFile(path, "referenced file");
      } catch (err) {
        const message = err instanceof LisError ? err.message : (err as Error).message;
        problems.inputErrors.push(message);
        throw new Error(message);
      }
    },
  };
  const resolver = new Resolver({
    resolvers: {
      file,
      http: options.allowRemoteRefs ? stock.resolvers.http : refuseRemote,
      https: options.allowRemoteRefs ? stock.resolvers.https : refuseRemote,
    },
  } as never);
  const { viewDepth } = options;
  if (viewDepth === undefined) return resolver;
  const resolve = resolver.resolve.bind(resolver);
  resolver.resolve = async (source: unknown, resolveOptions?: unknown) => {
    externalDocuments = 0;
    const result = await resolve(source, resolveOptions as never);
    // Values from other files have no place of their own in this document: walk those inlined, as Spectral does.
    if (externalDocuments > 0 || options.allowRemoteRefs) return result;
    return { ...result, result: buildTraversalView(source, result.result, viewDepth) };
  };
  return resolver;
}
