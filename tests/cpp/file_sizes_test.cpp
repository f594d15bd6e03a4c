// The plan's "sizes" option in both its forms (convert/light_files.h FileSizes): numbered rows,
// each a bundle's files (name, bytes carried) and the option's JSON, with the size each file
// is given, or the error's words.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/convert/light_files.h"
#include "simdjson.h"

namespace {

struct Row {
  int n;
  const char* why;
  std::vector<std::pair<std::string, std::string>> files;  // name, data (bundle order)
  const char* options;
  std::vector<uint64_t> sizes;  // per file; empty when an error is expected
  const char* error = "";      // a part of the error's message
};

std::vector<Row> rows() {
  const std::string tcx = "Takeout/Fitbit/Activities/1.tcx", weight = "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json";
  return {
      {1, "no option: every file its data's length", {{weight, "[]"}, {tcx, ""}}, R"({})", {2, 0}},
      {2, "the object form: a named file its size, another its data's length", {{weight, "[]"}, {tcx, ""}},
       R"({"sizes": {"Takeout/Fitbit/Activities/1.tcx": 5200}})", {2, 5200}},
      {3, "the list form: one size per file, in bundle order, even for a file carried whole", {{weight, "[]"}, {tcx, ""}},
       R"({"sizes": [2, 5200]})", {2, 5200}},
      {4, "a list of another length is refused, saying both counts", {{weight, "[]"}, {tcx, ""}}, R"({"sizes": [5200]})", {},
       "one size per file of the bundle, in its order (2 files, 1 sizes)"},
      {5, "a list entry that is not a whole number of bytes is refused", {{tcx, ""}}, R"({"sizes": [-1]})", {},
       "as a list must hold whole numbers of bytes"},
      {6, "neither an object nor a list is refused", {{tcx, ""}}, R"({"sizes": "5200"})", {},
       "must be an object {path: bytes} or a list of one size per file"},
      {7, "null: no sizes", {{tcx, ""}}, R"({"sizes": null})", {0}},
  };
}

}  // namespace

TEST_CASE("file sizes: the plan's option in its object and list forms (numbered rows)", "[file_sizes]") {
  for (const Row& r : rows()) {
    const std::string label = "row " + std::to_string(r.n) + ": " + r.why;
    SECTION(label) {
      INFO(label);
      ts::convert::BundleView in;
      for (const auto& [name, data] : r.files) in.files.push_back({name, data});
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      REQUIRE(!parser.parse(std::string(r.options)).get(doc));
      ts::convert::FileSizes sizes;
      const ts::Error e = ts::convert::FileSizes::read(doc, in.files.size(), sizes);
      if (r.sizes.empty()) {
        REQUIRE(e);
        CHECK(e.message.find(r.error) != std::string::npos);
        continue;
      }
      REQUIRE(!e);
      std::vector<uint64_t> got;
      for (size_t i = 0; i < in.files.size(); ++i) got.push_back(sizes.of(i, in.files[i]));
      CHECK(got == r.sizes);
    }
  }
}
