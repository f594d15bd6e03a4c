#include "core/fitbit/xml_tokens.h"

#include <cstdint>

#include "core/common/byte_words.h"

namespace ts::fitbit {

namespace {

// pugixml's name characters: a name starts with a letter, '_', ':' or any byte from 0x80 and
// goes on with those, digits, '-' and '.'.
constexpr uint8_t kStart = 1, kSymbol = 2;
struct CharTable {
  uint8_t c[256] = {};
  constexpr CharTable() {
    for (int i = 0; i < 256; ++i) {
      const bool letter = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') || i == '_' || i == ':' || i >= 0x80;
      const bool more = (i >= '0' && i <= '9') || i == '-' || i == '.';
      c[i] = static_cast<uint8_t>((letter ? kStart | kSymbol : 0) | (more ? kSymbol : 0));
    }
  }
};
constexpr CharTable kChars;
bool name_start(char c) { return kChars.c[static_cast<unsigned char>(c)] & kStart; }
bool name_char(char c) { return kChars.c[static_cast<unsigned char>(c)] & kSymbol; }

}  // namespace

XmlTokens::XmlTokens(std::string_view doc)
    : doc_(doc.data()), size_(doc.size()), last_is_lt_(!doc.empty() && doc.back() == '<') {
  if (size_ >= 3 && doc_[0] == '\xEF' && doc_[1] == '\xBB' && doc_[2] == '\xBF') pos_ = 3;
}

XmlToken XmlTokens::fail() {
  failed_ = true;
  XmlToken t;
  t.kind = XmlToken::error;
  t.begin = pos_;
  return t;
}

// Where the first `end` at or after `from` ends, before the end of the document; 0 if none.
size_t XmlTokens::past(size_t from, std::string_view end) const {
  for (size_t i = from; i + end.size() <= size_ && doc_[i] != '\0'; ++i)
    if (doc_[i] == end[0] && std::string_view(doc_ + i, end.size()) == end) return i + end.size();
  return 0;
}

// Past "<?…?>" or "<!…>" at pos_, as pugixml's minimal parse skips them (none is kept).
bool XmlTokens::skip_markup() {
  size_t j = pos_ + 2;
  if (at(pos_ + 1) == '?') {
    // A processing instruction (or the declaration): a target name, then anything to "?>".
    if (!name_start(at(j))) return false;
    while (name_char(at(j))) ++j;
    if (at(j) == '\0') return false;
    const size_t end = past(j, "?>");
    if (end == 0) return false;
    pos_ = end;
    return true;
  }
  if (at(j) == '-') {
    if (at(j + 1) != '-') return false;
    const size_t end = past(j + 2, "-->");
    if (end == 0) return false;
    pos_ = end;
    return true;
  }
  if (at(j) == '[') {
    if (std::string_view(doc_ + j, size_ - j).substr(0, 7) != "[CDATA[") return false;
    const size_t end = past(j + 7, "]]>");
    if (end == 0) return false;
    pos_ = end;
    return true;
  }
  if (std::string_view(doc_ + j, size_ - j).substr(0, 7) == "DOCTYPE") return open_.empty() && skip_doctype();
  return false;
}

// "<!DOCTYPE …>" with its internal subset: nested "<!…>" groups, "<![…]]>" sections, quoted
// strings, comments and processing instructions inside it (pugixml's parse_doctype_group).
bool XmlTokens::skip_doctype() {
  auto scan_to = [&](size_t& s, std::string_view end) {
    const size_t p = past(s, end);
    if (p == 0) return false;
    s = p;
    return true;
  };
  size_t s = pos_ + 2;
  size_t depth = 0;
  while (at(s) != '\0') {
    const char c = doc_[s];
    if (c == '<' && at(s + 1) == '!' && at(s + 2) != '-') {
      if (at(s + 2) == '[') {
        s += 3;
        size_t nested = 0;
        bool closed = false;
        while (at(s) != '\0' && !closed) {
          if (doc_[s] == '<' && at(s + 1) == '!' && at(s + 2) == '[') {
            s += 3;
            ++nested;
          } else if (doc_[s] == ']' && at(s + 1) == ']' && at(s + 2) == '>') {
            s += 3;
            if (nested == 0) closed = true;
            else --nested;
          } else {
            ++s;
          }
        }
        if (!closed) return false;
      } else {
        s += 2;
        ++depth;
      }
    } else if (c == '"' || c == '\'') {
      ++s;
      while (at(s) != '\0' && doc_[s] != c) ++s;
      if (at(s) != c) return false;
      ++s;
    } else if (c == '<') {
      if (at(s + 1) == '?') {
        s += 2;
        if (!scan_to(s, "?>")) return false;
      } else if (at(s + 1) == '!' && at(s + 2) == '-' && at(s + 3) == '-') {
        s += 4;
        if (!scan_to(s, "-->")) return false;
      } else {
        return false;
      }
    } else if (c == '>') {
      if (depth == 0) {
        pos_ = s + 1;
        return true;
      }
      --depth;
      ++s;
    } else {
      ++s;
    }
  }
  return false;
}

XmlToken XmlTokens::next() {
  if (failed_) return fail();
  XmlToken t;
  if (close_pending_) {
    close_pending_ = false;
    t.kind = XmlToken::end;
    t.name = open_.back();
    t.begin = pos_;
    open_.pop_back();
    return t;
  }
  for (;;) {
    const char c = at(pos_);
    if (c == '\0') {
      if (!open_.empty() || !any_element_ || last_is_lt_) return fail();
      t.kind = XmlToken::done;
      t.begin = pos_;
      return t;
    }
    if (c != '<') {
      const size_t b = pos_;
      // Eight bytes at a time while eight remain: a pretty-printed track is mostly such runs.
      for (; size_ - pos_ >= 8; pos_ += 8) {
        const uint64_t x = words::load(doc_ + pos_);
        if (const uint64_t m = words::equal_to(x, '<') | words::equal_to(x, '\0')) {
          pos_ += words::first_flagged(m);
          break;
        }
      }
      while (pos_ < size_ && doc_[pos_] != '<' && doc_[pos_] != '\0') ++pos_;
      if (open_.empty()) continue;  // outside the root: skipped
      t.kind = XmlToken::run;
      t.text = std::string_view(doc_ + b, pos_ - b);
      t.begin = b;
      return t;
    }
    const char d = at(pos_ + 1);
    if (name_start(d)) {
      size_t i = pos_ + 2;
      while (name_char(at(i))) ++i;
      t.kind = XmlToken::start;
      t.begin = pos_;
      t.name = std::string_view(doc_ + pos_ + 1, i - pos_ - 1);
      const size_t attrs_from = i;
      bool self_closing = false;
      if (at(i) == '>') {
        pos_ = i + 1;
      } else if (at(i) == '/') {
        if (at(i + 1) != '>') return fail();
        pos_ = i + 2;
        self_closing = true;
      } else if (xml_space(at(i))) {
        size_t j = i;
        for (;;) {
          while (xml_space(at(j))) ++j;
          const char a = at(j);
          if (name_start(a)) {
            while (name_char(at(j))) ++j;
            while (xml_space(at(j))) ++j;
            if (at(j) != '=') return fail();
            ++j;
            while (xml_space(at(j))) ++j;
            const char q = at(j);
            if (q != '"' && q != '\'') return fail();
            ++j;
            while (at(j) != '\0' && doc_[j] != q) ++j;
            if (at(j) != q) return fail();
            ++j;
            if (name_start(at(j))) return fail();  // no space before the next attribute
          } else if (a == '/') {
            if (at(j + 1) != '>') return fail();
            t.attrs = std::string_view(doc_ + attrs_from, j - attrs_from);
            pos_ = j + 2;
            self_closing = true;
            break;
          } else if (a == '>') {
            t.attrs = std::string_view(doc_ + attrs_from, j - attrs_from);
            pos_ = j + 1;
            break;
          } else {
            return fail();
          }
        }
      } else {
        return fail();
      }
      any_element_ = true;
      open_.push_back(t.name);
      close_pending_ = self_closing;
      return t;
    }
    if (d == '/') {
      if (open_.empty()) return fail();
      const std::string_view name = open_.back();
      size_t j = pos_ + 2, k = 0;
      while (name_char(at(j))) {
        if (k >= name.size() || at(j) != name[k]) return fail();
        ++j;
        ++k;
      }
      if (k != name.size()) return fail();
      while (xml_space(at(j))) ++j;
      if (at(j) != '>') return fail();
      t.kind = XmlToken::end;
      t.name = name;
      t.begin = pos_;
      pos_ = j + 1;
      open_.pop_back();
      return t;
    }
    if (d == '!' && at(pos_ + 2) == '[' && !open_.empty()) {
      // A CDATA section inside an element: its content is a run (pugixml's parse_cdata keeps
      // it as a node of its own, which is the element's text when it comes first).
      if (std::string_view(doc_ + pos_ + 2, size_ - pos_ - 2).substr(0, 7) != "[CDATA[") return fail();
      const size_t from = pos_ + 9;
      const size_t end = past(from, "]]>");
      if (end == 0) return fail();
      t.kind = XmlToken::run;
      t.cdata = true;
      t.text = std::string_view(doc_ + from, end - 3 - from);
      t.begin = from;
      pos_ = end;
      return t;
    }
    if (d == '?' || d == '!') {
      if (!skip_markup()) return fail();
      continue;
    }
    return fail();
  }
}

namespace {

// pugixml's utf8_writer::any: 1 to 3 bytes below 0x10000, else 4 (whatever the number).
void append_utf8(std::string& out, uint32_t ch) {
  auto b = [&](uint32_t v) { out.push_back(static_cast<char>(static_cast<uint8_t>(v))); };
  if (ch < 0x80) {
    b(ch);
  } else if (ch < 0x800) {
    b(0xC0 | (ch >> 6));
    b(0x80 | (ch & 0x3F));
  } else if (ch < 0x10000) {
    b(0xE0 | (ch >> 12));
    b(0x80 | ((ch >> 6) & 0x3F));
    b(0x80 | (ch & 0x3F));
  } else {
    b(0xF0 | (ch >> 18));
    b(0x80 | ((ch >> 12) & 0x3F));
    b(0x80 | ((ch >> 6) & 0x3F));
    b(0x80 | (ch & 0x3F));
  }
}

// The reference at raw[i] ('&'): its expansion appended to `out` and where it ends, or 0 when
// it is none (the '&' is then kept as written, as pugixml keeps it).
size_t expand_one(std::string_view raw, size_t i, std::string& out) {
  auto at = [&](size_t k) { return k < raw.size() ? raw[k] : '\0'; };
  if (at(i + 1) == '#') {
    const bool hex = at(i + 2) == 'x';
    size_t k = i + (hex ? 3 : 2);
    if (at(k) == ';') return 0;
    uint32_t ch = 0;
    for (;; ++k) {
      const char c = at(k);
      if (c >= '0' && c <= '9') ch = ch * (hex ? 16 : 10) + static_cast<uint32_t>(c - '0');
      else if (hex && ((c | ' ') >= 'a' && (c | ' ') <= 'f')) ch = ch * 16 + static_cast<uint32_t>((c | ' ') - 'a' + 10);
      else if (c == ';') break;
      else return 0;
    }
    append_utf8(out, ch);
    return k + 1;
  }
  static constexpr struct {
    std::string_view name;
    char ch;
  } kNamed[] = {{"amp;", '&'}, {"apos;", '\''}, {"gt;", '>'}, {"lt;", '<'}, {"quot;", '"'}};
  const std::string_view rest = raw.substr(i + 1);
  for (const auto& e : kNamed)
    if (rest.substr(0, e.name.size()) == e.name) {
      out.push_back(e.ch);
      return i + 1 + e.name.size();
    }
  return 0;
}

}  // namespace

void expand_references(std::string_view raw, std::string& out) {
  out.clear();
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '&') {
      out.push_back(raw[i++]);
      continue;
    }
    const size_t end = expand_one(raw, i, out);
    if (end == 0) {
      out.push_back(raw[i++]);
      continue;
    }
    i = end;
  }
  // A NUL ends a pugixml value: an expanded `&#0;` cuts the text there.
  const size_t nul = out.find('\0');
  if (nul != std::string::npos) out.resize(nul);
}

std::string_view local_name(std::string_view qualified) {
  for (size_t i = 0; i < qualified.size(); ++i)
    if (qualified[i] == ':') return qualified.substr(i + 1);
  return qualified;
}

std::string_view attribute(std::string_view attrs, std::string_view name) {
  size_t j = 0;
  const size_t n = attrs.size();
  while (j < n) {
    while (j < n && xml_space(attrs[j])) ++j;
    const size_t nb = j;
    while (j < n && name_char(attrs[j])) ++j;
    const std::string_view this_name = attrs.substr(nb, j - nb);
    if (this_name.empty()) return {};
    while (j < n && attrs[j] != '"' && attrs[j] != '\'') ++j;  // spaces, '=', spaces
    if (j >= n) return {};
    const char q = attrs[j++];
    const size_t vb = j;
    while (j < n && attrs[j] != q) ++j;
    if (this_name == name) return attrs.substr(vb, j - vb);
    ++j;
  }
  return {};
}

}  // namespace ts::fitbit
