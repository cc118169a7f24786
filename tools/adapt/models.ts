/**
 * The models the proxy serves: the upstreams' lists (chat, and a separate embeddings upstream if there is
 * one), normalised by the dialect and merged. Requests are checked against it (ERR-014, EMB-025); it is
 * cached for a few seconds, and read again when a request names a model it does not have, so that a model
 * loaded after start is found.
 */
import type { Redactor } from "../http/redact.js";
import type { Engine } from "./engine.js";
import { ApiError } from "./errors.js";
import { isObj, type Obj } from "./rule.js";
import { fromResponse } from "./upstream-error.js";
import { transportFailure, type Upstream } from "./upstream.js";

export interface Listing {
  /** The normalised list, as GET /models answers it. */
  list: Obj & { data: Obj[] };
  ids: Set<string>;
  /** Ids each endpoint accepts. */
  chat: Set<string>;
  embeddings: Set<string>;
  /** The response headers of the chat upstream's list (for dialect detection). */
  headers: Record<string, string>;
  fetchedAt: number;
}

/** What lookup() says of a model id. */
export interface Found {
  listing: Listing;
  listed: boolean;
  serves: boolean;
}

export interface ModelSource {
  upstream: Upstream;
  serves: ("chat" | "embeddings")[];
}

const TTL_MS = 5000;
const REFETCH_AFTER_MS = 1000;

export class ModelDirectory {
  private cached?: Listing;
  private pending?: Promise<Listing | ApiError>;

  constructor(
    private readonly sources: ModelSource[],
    private readonly engine: Engine,
    private readonly redact: Redactor,
  ) {}

  /** The lists as the upstreams have them now. */
  fetch(): Promise<Listing | ApiError> {
    // Concurrent callers share one round of upstream requests.
    this.pending ??= this.read().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The cached listing while it is fresh. */
  async current(): Promise<Listing | ApiError> {
    if (this.cached && Date.now() - this.cached.fetchedAt < TTL_MS) return this.cached;
    return this.fetch();
  }

  /**
   * Whether an endpoint serves a model id: refreshes once when the id is unknown and the listing is not brand
   * new. A known id in a fresh listing is answered at once, without a promise (the path of every request).
   */
  lookup(id: string, endpoint: "chat" | "embeddings"): Found | ApiError | Promise<Found | ApiError> {
    const cached = this.cached;
    if (cached && cached.ids.has(id) && Date.now() - cached.fetchedAt < TTL_MS) return { listing: cached, listed: true, serves: cached[endpoint].has(id) };
    return this.lookupAfresh(id, endpoint);
  }

  private async lookupAfresh(id: string, endpoint: "chat" | "embeddings"): Promise<Found | ApiError> {
    let listing = await this.current();
    if (listing instanceof ApiError) return listing;
    if (!listing.ids.has(id) && Date.now() - listing.fetchedAt > REFETCH_AFTER_MS) {
      listing = await this.fetch();
      if (listing instanceof ApiError) return listing;
    }
    return { listing, listed: listing.ids.has(id), serves: listing[endpoint].has(id) };
  }

  private async read(): Promise<Listing | ApiError> {
    const answers = await Promise.all(this.sources.map((s) => s.upstream.send("GET", "models")));
    const merged: Obj[] = [];
    const ids = new Set<string>();
    const serving = { chat: new Set<string>(), embeddings: new Set<string>() };
    for (const [i, outcome] of answers.entries()) {
      if (outcome.error) return transportFailure(outcome.error);
      const { response } = outcome;
      if (response.status < 200 || response.status > 299) return fromResponse(this.engine, this.redact, response);
      const json = response.json ?? this.engine.parse(response.bodyText);
      if (!isObj(json) && !Array.isArray(json)) return new ApiError(502, "The model server's model list is not JSON.", "server_error", null, "upstream_error");
      const list: Obj = Array.isArray(json) ? { data: json } : { ...json };
      this.engine.models(list);
      for (const m of list.data as Obj[]) {
        const id = m.id as string;
        for (const e of this.sources[i].serves) serving[e].add(id);
        if (ids.has(id)) continue;
        ids.add(id);
        merged.push(m);
      }
    }
    const first = answers[0].response!;
    this.cached = { list: { object: "list", data: merged }, ids, ...serving, headers: first.headers, fetchedAt: Date.now() };
    return this.cached;
  }
}
