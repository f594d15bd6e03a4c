// Loading an upload or conversion row for its owner. Unknown, expired and someone else's all
// give the same 404 with the same words: which of the three it was is not the caller's to
// learn (that would confirm that a guessed id exists).
import { Problem } from "../http/problem.js";
import { SQL } from "./queries.js";
import { RECORD_ID_PATTERN } from "./ids.js";

const KINDS = {
  upload: {
    sql: SQL.selectUpload,
    detail:
      "No upload with this id is available to you. Uploads are kept for 1 hour and only for the browser that made them (its cookie); upload the files again.",
  },
  conversion: {
    sql: SQL.selectConversion,
    detail:
      "No conversion with this id is available to you. Conversions are kept for 2 hours and only for the browser that made them (its cookie); convert the upload again.",
  },
};

export async function loadOwned(ctx, kind, id) {
  return ownedRow(await selectOwned(ctx, kind, id, KINDS[kind].sql));
}

// A row selected with its `metadata` and `expires_at` (and selectOwned's notFound), as
// loadOwned returns it.
export function ownedRow(row) {
  return { metadata: JSON.parse(row.metadata), expiresAt: row.expires_at, notFound: row.notFound };
}

// The same lookup with another query over the same key (?1 id, ?2 owner, ?3 now, then
// `params`): a few columns or JSON members of the row instead of all its metadata. Returns
// the row with notFound() attached, or throws the kind's 404.
export async function selectOwned(ctx, kind, id, sql, ...params) {
  const { detail } = KINDS[kind];
  const notFound = () => new Problem(404, detail);
  if (typeof id !== "string" || !RECORD_ID_PATTERN.test(id)) throw notFound();
  const { results } = await ctx.ops.d1All(sql, id, ctx.client.id, ctx.now, ...params);
  if (results.length === 0) throw notFound();
  return { ...results[0], notFound };
}
