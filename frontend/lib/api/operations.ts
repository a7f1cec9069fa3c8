// Types of the API's operations, read from the generated schema (schema.d.ts): which paths take
// which method, their path and query parameters, their JSON body and their success answer. The
// client is written against these, so an endpoint that changes shape in the API breaks the build.

import type { paths } from "./schema";

export type Method = "get" | "post";

/** The paths that have an operation for this method. */
export type PathWith<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, object> ? P : never }[keyof paths];

type Operation<M extends Method, P extends PathWith<M>> = paths[P][M];

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

/** The JSON of the 200 or 201 answer. */
export type Success<M extends Method, P extends PathWith<M>> =
  Operation<M, P> extends { responses: infer R }
    ? { [S in keyof R]: S extends 200 | 201 ? JsonOf<R[S]> : never }[keyof R]
    : never;

export type PathParams<M extends Method, P extends PathWith<M>> =
  Operation<M, P> extends { parameters: { path: infer T } } ? T : never;

export type QueryParams<M extends Method, P extends PathWith<M>> =
  Operation<M, P> extends { parameters: { query?: infer T } } ? T : never;

export type Body<M extends Method, P extends PathWith<M>> =
  Operation<M, P> extends { requestBody?: { content: { "application/json": infer T } } } ? T : never;

export interface CallOptions<M extends Method, P extends PathWith<M>> {
  path?: PathParams<M, P>;
  query?: QueryParams<M, P>;
  body?: Body<M, P>;
}

/** "/api/elections/{id}" with {id: 4} -> "/api/elections/4" (each value escaped), plus the query. */
export function buildPath(template: string, path?: unknown, query?: unknown): string {
  const values = (path ?? {}) as Record<string, unknown>;
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (values[name] === undefined || values[name] === null) throw new Error(`${template} needs ${name}`);
    return encodeURIComponent(String(values[name]));
  });
  const entries = Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  return entries.length === 0 ? filled : `${filled}?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&")}`;
}
