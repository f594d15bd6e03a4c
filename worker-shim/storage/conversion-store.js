// Saving a conversion's outputs: the metadata row and the chunk rows of its files, in one D1
// batch (one transaction), like an upload. metadata.files is the download index:
// [{path, bytes, offset, kind?, records?, first?, last?}] in the core's output order.
import { chunkStatements, packFiles } from "./file-store.js";
import { SQL } from "./queries.js";

// outputs: [{path, data, ...summary}]; summary: the rest of the metadata (options, skipped…).
export async function saveConversion(ops, { conversionId, uploadId, owner, outputs, summary, createdAt, expiresAt }) {
  const { stream, index } = packFiles(outputs);
  const metadata = JSON.stringify({ ...summary, files: index, totalBytes: stream.length });
  await ops.d1Batch([
    [SQL.insertConversion, conversionId, uploadId, owner, metadata, createdAt, expiresAt],
    ...chunkStatements(conversionId, stream, expiresAt),
  ]);
  return index;
}
