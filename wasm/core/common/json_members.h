// An object's members of interest, found in one pass over its keys.
//
// simdjson's o[key] walks the object's keys up to the one it finds, comparing each (a memcmp
// call in WASM). A reader that looks up ~20 members of each of thousands of objects spent a
// tenth of its CPU in those walks: the exercise reader in a plan (~25 keys per record, ~20
// lookups), assembly over ~3,000 step parts (~18 lookups each). Members reads the keys once
// into a table and answers each lookup as o[key] would have: the value of the FIRST key equal
// to the name (a key is compared unescaped, as o[key] compares it), NO_SUCH_FIELD when none
// (tests/cpp/exercise_members_test.cpp: repeated, null, escaped and near-miss keys).
#pragma once
#include <cstddef>
#include <string_view>

#include "core/common/same_bytes.h"
#include "simdjson.h"

namespace ts::json {

// `names`: the keys of interest, indexed by the caller's enum (whose values are 0..N-1).
template <size_t N>
class Members {
 public:
  Members(simdjson::dom::object o, const std::string_view (&names)[N]) {
    for (simdjson::dom::key_value_pair kv : o)
      for (size_t m = 0; m < N; ++m)
        if (!has_[m] && same_bytes(kv.key, names[m])) {
          has_[m] = true;
          at_[m] = kv.value;
          break;
        }
  }

  template <typename Member>
  simdjson::simdjson_result<simdjson::dom::element> operator[](Member m) const {
    const size_t i = static_cast<size_t>(m);
    if (!has_[i]) return simdjson::NO_SUCH_FIELD;
    return simdjson::dom::element(at_[i]);
  }

 private:
  simdjson::dom::element at_[N];
  bool has_[N] = {};
};

}  // namespace ts::json
