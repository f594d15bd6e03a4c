#include "core/common/status.h"

namespace ts {

const char* status_name(Status s) {
  switch (s) {
    case Status::ok: return "ok";
    case Status::format: return "format";
    case Status::integrity: return "integrity";
    case Status::unsupported: return "unsupported";
    case Status::capacity: return "capacity";
    case Status::invalid_argument: return "invalid_argument";
  }
  return "unknown";
}

}  // namespace ts
