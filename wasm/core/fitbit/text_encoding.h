// Files that are not the UTF-8 text Fitbit writes. A person who opened an export's file in a
// spreadsheet and saved it may hand us UTF-16 (Excel's "Unicode text") or a legacy code page.
// Read as UTF-8, such a file looked like a CSV without its columns, or not JSON at all, and the
// reason pointed the wrong way: "has no 'timestamp' and 'weight grams' columns" of a file whose
// columns are plainly there (helper finding). A reader asks this when a file does not read, or
// before it reads a small file, so the reason names the encoding; the answer is the same
// natively and in WASM (simdjson's kernels report bytes that are not UTF-8 as different errors).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ts::fitbit {

// Why `data` is not UTF-8 text, in words a person can act on; empty when it is UTF-8 (or
// ASCII, with or without a byte-order mark).
//   utf16_only: only UTF-16 and UTF-32 are looked for (the first bytes: a byte-order mark, or
//               ASCII text with a NUL beside every byte), not every byte's validity. For CSVs,
//               whose readers take any bytes of a cell they do not read.
std::string_view foreign_encoding(std::string_view data, bool utf16_only = false);

// `data` into `out` (replaced) with each byte that does not belong to a well-formed UTF-8
// sequence (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF) written as '?'.
// For a file of Fitbit's ASCII shape that another program saved with a byte of its own code
// page in a name ("Ari\xe4"): its numbers, dates and times read as they were.
void replace_foreign_bytes(std::string_view data, std::string& out);

}  // namespace ts::fitbit
