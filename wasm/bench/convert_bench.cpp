// Native half of scripts/bench-weight: times ts::api::convert (the handler ts_convert calls)
// on a TSB1 bundle file, best-of-N in process CPU time, and prints one JSON line.
//   ts_bench_convert <bundle.tsb> [iterations]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "boundary/api_convert.h"

namespace {
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ts_bench_convert <bundle.tsb> [iterations]\n");
    return 2;
  }
  std::ifstream f(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string input = ss.str();
  const size_t len = input.size();
  input.append(ts::boundary::kInputPadding, '\0');
  const int n = argc > 2 ? std::atoi(argv[2]) : 30;
  double best = 1e18, total = 0;
  size_t out_bytes = 0;
  for (int i = 0; i < n; ++i) {
    std::string out;
    const double t0 = cpu_ms();
    ts::Error e = ts::api::convert({reinterpret_cast<const uint8_t*>(input.data()), len}, out);
    const double dt = cpu_ms() - t0;
    if (e) {
      std::fprintf(stderr, "convert failed: %s\n", e.message.c_str());
      return 1;
    }
    best = std::min(best, dt);
    total += dt;
    out_bytes = out.size();
  }
  std::printf("{\"bestMs\":%.4f,\"meanMs\":%.4f,\"iterations\":%d,\"outputBytes\":%zu}\n", best, total / n, n, out_bytes);
  return 0;
}
