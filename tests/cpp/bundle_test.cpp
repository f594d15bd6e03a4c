// The TSB1 bundle's decoding (convert/bundle.h): numbered rows of one file each, with what a
// reader is handed — the byte-order mark cut from a JSON file's front, nothing else touched.
#include <catch2/catch.hpp>

#include <string>

#include "core/convert/bundle.h"

namespace {

struct Row {
  int n;
  const char* why;
  std::string name, data;
  std::string read;  // the data the readers get
  uint32_t bom;
};

const std::string kBom = "\xEF\xBB\xBF";

}  // namespace

TEST_CASE("bundle: a JSON file's byte-order mark is cut when decoded (numbered rows)", "[bundle]") {
  const Row rows[] = {
      {1, "a .json file saved with a mark: cut, its size as given kept", "w/weight-2023-01-01.json", kBom + "[]", "[]", 3},
      {2, "the extension in capitals, as the classifier reads it", "w/weight-2023-01-01.JSON", kBom + "[]", "[]", 3},
      {3, "a CSV keeps its mark: the CSV readers skip it in the header", "w/weight.csv", kBom + "a,b\n", kBom + "a,b\n", 0},
      {4, "a .json file without a mark is untouched", "w/weight-2023-01-01.json", "[]", "[]", 0},
      {5, "a file that is only a mark: empty to the readers, 3 bytes as given", "w/heart_rate-2023-01-01.json", kBom, "", 3},
      {6, "a mark that is not at the front is data", "w/weight-2023-01-01.json", " " + kBom, " " + kBom, 0},
      {7, "two bytes of a mark are not one", "w/weight-2023-01-01.json", kBom.substr(0, 2) + "[]", kBom.substr(0, 2) + "[]", 0},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::BundleWriter w;
    w.add(r.name, r.data);
    const std::string bytes = w.finish();
    ts::convert::BundleView view;
    REQUIRE(!ts::convert::decode_bundle(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), 0, view));
    REQUIRE(view.files.size() == 1);
    CHECK(std::string(view.files[0].data) == r.read);
    CHECK(view.files[0].bom == r.bom);
    CHECK(view.files[0].given_size() == r.data.size());
  }
}
