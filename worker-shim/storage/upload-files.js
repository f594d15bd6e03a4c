// An upload's files, read for their owner from D1, as [{name, data}] — what encodeBundle
// (bundle.js) frames for the core.
import { readAllFiles } from "./file-store.js";
import { loadOwned } from "./owned-rows.js";

export async function loadUploadFiles(ctx, uploadId) {
  const row = await loadOwned(ctx, "upload", uploadId);
  const files = await readAllFiles(ctx.ops, uploadId, row.metadata.files, ctx.now);
  if (!files) throw row.notFound();
  return files.map(({ name, data }) => ({ name, data }));
}
