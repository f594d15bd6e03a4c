// An archive member's name as the export's path: "\" read as "/" (zips made on Windows), and
// without the "./" or "/" some archivers put in front ("./Takeout/…", as `tar czf x.tgz -C
// folder .` or `zip -r x.zip ./Takeout` write them; "/Takeout/…" from an absolute path). The
// classifier names a "." or empty part unsafe, so such an archive was "no Fitbit data" on the
// page (helper findings, a .tgz, then a zip). The CLI strips the same (wasm/cli/export_source.cpp).
export function archivePath(name) {
  return name.replaceAll("\\", "/").replace(/^(\.\/|\/)+/, "");
}
