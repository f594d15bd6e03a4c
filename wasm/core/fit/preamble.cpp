#include "core/fit/preamble.h"

namespace ts::fit {

Error write_preamble(Writer& w, uint8_t file_type, int64_t time_created_unix) {
  namespace id = field::file_id;
  namespace dev = field::device_info;
  if (Error e = w.write(Mesg(mesg::file_id)
                            .set_raw(id::type, file_type)
                            .set_raw(id::manufacturer, value::manufacturer_development)
                            .set_raw(id::product, kProduct)
                            .set_raw(id::serial_number, 1)
                            .set_time(id::time_created, time_created_unix)))
    return e;
  if (Error e = w.write(Mesg(mesg::file_creator).set_raw(field::file_creator::software_version, kSoftwareVersion)))
    return e;
  return w.write(Mesg(mesg::device_info)
                     .set_time(kTimestampField, time_created_unix)
                     .set_raw(dev::device_index, 0)  // 0: the creator
                     .set_raw(dev::manufacturer, value::manufacturer_development)
                     .set_raw(dev::product, kProduct)
                     .set(dev::software_version, kSoftwareVersion / 100.0));
}

}  // namespace ts::fit
