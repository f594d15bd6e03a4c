// Just enough CSV for Fitbit's small CSV files (RFC 4180: commas, double-quoted fields with
// "" escapes, CRLF or LF). Large CSVs of other kinds get their own streaming readers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ts::fitbit {

// Reads one row from the front of `rest` into `fields` and advances `rest` past it. Returns
// false when `rest` is empty. An unterminated quote takes the rest of the input as the field.
bool next_csv_row(std::string_view& rest, std::vector<std::string>& fields);

// The same for rows without any double quote (the common case: numbers and ISO times), as
// views into the input with no copies. Returns false when `rest` is empty; sets `quoted` and
// leaves `rest` unchanged when the row has a quote, so the caller falls back to next_csv_row.
bool next_plain_csv_row(std::string_view& rest, std::vector<std::string_view>& fields, bool& quoted);

// Column index of `name` in a header row (case-insensitive, surrounding spaces ignored); -1.
int csv_column(const std::vector<std::string>& header, std::string_view name);

}  // namespace ts::fitbit
