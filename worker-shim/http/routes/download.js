// GET /api/download/{conversionId}        one zip of every output (manifest.json and
//                                         IMPORT.txt included: the core writes them)
// GET /api/download/{conversionId}/{path} one output file
// The bytes are the stored outputs, zipped deterministically (packaging.js), so the same
// conversion downloads the same bytes every time — a re-import into Garmin then answers
// "duplicate" instead of duplicating entries.
import { contentDisposition, contentTypeFor, zipOutputs } from "../../shared/packaging.js";
import { Problem } from "../problem.js";
import { parentOf, readAllFiles, readStream } from "../../storage/file-store.js";
import { loadOwned } from "../../storage/owned-rows.js";

// Not cached anywhere (the router marks every /api answer no-store): the bytes are personal.
function fileResponse(bytes, path) {
  return new Response(bytes, {
    status: 200,
    headers: {
      "content-type": contentTypeFor(path),
      "content-disposition": contentDisposition(path),
      "content-length": String(bytes.length),
    },
  });
}

export async function getDownload(ctx, conversionId, encodedPath) {
  const row = await loadOwned(ctx, "conversion", conversionId);
  const { files } = row.metadata;
  if (!files) {
    throw new Problem(
      409,
      "This conversion runs in steps, so nothing of it is stored to download: each group's answer carries its files and assembly's answer the rest. Zip them in that order (the web page does). Only a conversion that completed within POST /api/convert is downloaded here.",
    );
  }
  if (encodedPath === undefined) {
    const outputs = await readAllFiles(ctx.ops, parentOf("conversion", conversionId, row.metadata), files, ctx.now);
    if (!outputs) throw row.notFound();
    const zip = zipOutputs(outputs.map((f) => ({ path: f.path, data: f.data })));
    return fileResponse(zip, `trackersync-${conversionId.slice(0, 8)}.zip`);
  }
  let path;
  try {
    path = encodedPath.split("/").map(decodeURIComponent).join("/");
  } catch {
    throw new Problem(400, "The file path in the URL is not valid percent-encoding.");
  }
  const entry = files.find((f) => f.path === path);
  if (!entry) {
    throw new Problem(404, "This conversion has no file at that path. Download the whole zip, or take a path from the conversion's file list (manifest.json lists them too).");
  }
  const bytes = await readStream(ctx.ops, parentOf("conversion", conversionId, row.metadata), ctx.now, entry.offset, entry.offset + entry.bytes);
  if (!bytes) throw row.notFound();
  return fileResponse(bytes, path);
}
