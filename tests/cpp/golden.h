// Golden files: bytes a test produces, compared with a committed copy under tests/fixtures/.
// Run with TS_UPDATE_GOLDEN=1 to rewrite the copies after an intended change; on a mismatch
// the produced bytes are written next to the golden as <name>.current for a binary diff.
#pragma once
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace ts::test {

inline std::string fixture_path(const std::string& rel) { return std::string(TS_FIXTURES_DIR) + "/" + rel; }

inline bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

// True when `bytes` equal the golden file (or the golden was just rewritten on request).
inline bool matches_golden(const std::string& rel, const std::string& bytes) {
  const std::string path = fixture_path(rel);
  const char* update = std::getenv("TS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(path, bytes);
    return true;
  }
  std::string golden;
  if (read_file(path, golden) && golden == bytes) {
    std::remove((path + ".current").c_str());
    return true;
  }
  write_file(path + ".current", bytes);
  return false;
}

}  // namespace ts::test
