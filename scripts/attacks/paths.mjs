// Unclean output paths: other-health CSVs named "..\..\Minute SpO2 - evil.csv", and two whose
// last two path segments are the same. The first used to survive into a zip entry (now the
// upload refuses it: the core's classifier gives an unsafe path no kind); the two used to share
// one output path, so every zip download was a 503 until expiry.
import { browser, runIfMain, weightUpload } from "./lib.mjs";

export const attack = {
  title: "6. other-health CSVs named '..\\..\\…' and two sharing their last two segments",
  async run(net) {
    const b = browser(net.ip(1));
    const csv = "timestamp,value\n2023-01-25T00:00:00,97\n";
    // The backslashed name: the core's classifier gives it no kind, so the upload is refused.
    const hostile = weightUpload(3);
    hostile.append("file", new Blob([csv]), "Takeout/Fitbit/Oxygen Saturation (SpO2)/..\\..\\Minute SpO2 - evil.csv");
    const refused = await b("/api/upload", { method: "POST", body: hostile });
    // Two names sharing their last two segments.
    const fd = weightUpload(3);
    fd.append("file", new Blob([csv]), "Takeout/Fitbit/One/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv");
    fd.append("file", new Blob([csv]), "Takeout/Fitbit/Two/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv");
    const up = await b("/api/upload", { method: "POST", body: fd });
    if (up.status !== 201) return `upload ${up.status}: ${up.body.detail}`;
    const conv = await b("/api/convert", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ uploadId: up.body.uploadId }) });
    if (conv.status !== 201) return `convert ${conv.status}: ${conv.body.detail}`;
    const others = conv.body.files.map((f) => f.path).filter((p) => p.startsWith("reference/other/"));
    const dl = await b(`/api/download/${conv.body.conversionId}`);
    // A client's multipart encoder may leave "\" unescaped, and the server's parser then reads
    // it as an escape (the name arrives without it, safe); one that escapes it gets the 422.
    const hostileAnswer =
      refused.status === 201
        ? `upload 201, stored as "${refused.body.files.find((f) => f.kind === "other_health")?.name ?? "(no such file)"}" (no backslash reached the server)`
        : `upload ${refused.status} "${String(refused.body.detail).slice(0, 90)}…"`;
    // The same name with its backslashes escaped by hand, so they reach the server.
    const boundary = "attackboundary";
    const raw =
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="Takeout/Fitbit/Oxygen Saturation (SpO2)/..\\\\..\\\\Minute SpO2 - evil.csv"\r\n` +
      `content-type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const escaped = await b("/api/upload", { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body: raw });
    const escapedAnswer = `upload ${escaped.status} "${String(escaped.body.detail ?? escaped.body.files?.[0]?.name).slice(0, 90)}…"`;
    return `'..\\..\\' name: ${hostileAnswer}; escaped by hand: ${escapedAnswer}; the two: convert 201, paths: ${others.map((p) => `"${p.slice("reference/other/".length)}"`).join(", ")}; zip download ${dl.status}`;
  },
};
await runIfMain(import.meta.url, attack);
