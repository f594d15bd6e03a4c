// A pull tokenizer for the XML a TCX file is: start tags, end tags and text runs, in document
// order, without building a tree. The TCX reader needs a few values of a document that is
// mostly trackpoints, and a tree of ~40,000 nodes cost more than reading the values (pugixml
// built one: docs/benchmarks.md, bench-workout).
//
// Terms, defined once:
//   text run — the bytes between one piece of markup and the next '<' (or the end), as they
//              are: no reference is expanded (expand_references does, for the values read) and
//              no line end changed; or a CDATA section's content inside an element, a run of
//              its own (`cdata`), whitespace-only or not. A comment or a processing
//              instruction ends a run; its content is never a run.
//   the end  — the end of the bytes, or the first NUL byte: nothing after a NUL is read.
//
// Which documents are well-formed is decided as pugixml's minimal parse (parse_minimal, the
// options the reader used before this tokenizer, with parse_escapes and parse_cdata, which
// change what a value reads but never which documents are refused) decides, so that a file the earlier reader
// refused is refused and one it read is read: tests/cpp/tcx_reader_agreement_test.cpp and the
// tcx fuzz target (wasm/fuzz/tcx_dom_reader.h) hold the two to it. That means: a start tag is a
// name and attributes each `name="value"` or `name='value'` (a value runs to its quote, '<'
// and all); every element is closed by an end tag of exactly its name; comments, CDATA
// sections, processing instructions and (outside every element only) a DOCTYPE must end;
// there must be an element; text outside the elements is skipped whatever it holds; a UTF-8
// byte order mark is skipped; the last byte must not be '<', even after a NUL. One reading of
// pugixml's is not kept: after a NUL it takes the last byte of the bytes, if '>', to end a
// tag, a comment or a DOCTYPE the NUL cut (it parses with the last byte swapped for a NUL);
// here a construct cut by a NUL is not well-formed.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ts::fitbit {

struct XmlToken {
  enum Kind { start, end, run, done, error } kind = done;
  std::string_view name;   // start and end: the qualified name as written ("ns3:TPX")
  std::string_view attrs;  // start: what follows the name up to '>' or "/>", checked
  std::string_view text;   // run: the text run, whitespace-only runs included
  bool cdata = false;      // run: a CDATA section's content (no reference in it is one)
  size_t begin = 0;        // where the token starts in the document ('<' of a tag)
};

class XmlTokens {
 public:
  explicit XmlTokens(std::string_view doc);

  // The next token. `done` once the document ended well; `error` (and then always error) when
  // it is not well-formed. A self-closing tag gives a start and then an end; `run` is a text run inside an element.
  XmlToken next();

  // The open elements' depth (0 outside the root).
  size_t depth() const { return open_.size(); }
  // Where the next token begins.
  size_t pos() const { return pos_; }
  // Moves on to `pos`: for a caller that read a balanced run of elements itself (the
  // trackpoint layout, tcx_point_layout.h), with the open elements the same after it.
  void skip_to(size_t pos) { pos_ = pos; }
  // Whether the next token is a tag read from the bytes at pos() (not a self-closing tag's
  // end, which is due first, nor a text run).
  bool at_tag() const { return !failed_ && !close_pending_ && at(pos_) == '<'; }
  // The byte at `i`, or 0 at and past the end (a NUL ends the document, as the end does).
  char at(size_t i) const { return i < size_ ? doc_[i] : '\0'; }
  // The bytes as given, a NUL and what follows it too (a reader of them stops at a NUL).
  std::string_view bytes() const { return {doc_, size_}; }

 private:
  XmlToken fail();
  bool skip_markup();  // "<?", "<!": past it, or false when it never ends or is not markup
  bool skip_doctype();
  size_t past(size_t from, std::string_view end) const;

  const char* doc_;
  size_t size_;  // every byte; reading stops at the first NUL
  // The bytes end in '<' (after a NUL too): pugixml refuses that as a stray '<'.
  bool last_is_lt_;
  size_t pos_ = 0;
  bool failed_ = false;
  bool any_element_ = false;
  bool close_pending_ = false;  // a self-closing tag's end is the next token
  std::vector<std::string_view> open_;
};

// A text run's or an attribute value's character and entity references (`&#x5A;`, `&#90;`,
// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`) expanded as pugixml's parse_escapes expands
// them, so that a value written with them reads as its characters (helper finding: a track
// whose times ended in `&#x5A;` lost every point): anything else after '&' is kept as written;
// a number is taken modulo 2^32 and written as pugixml's UTF-8 writer writes it; an expanded
// NUL ends the text, as it ends pugixml's NUL-terminated value. Into `out` (replaced).
void expand_references(std::string_view raw, std::string& out);

// Whether `s` holds a '&' (a value that may hold a reference).
inline bool has_reference(std::string_view s) {
  for (char c : s)
    if (c == '&') return true;
  return false;
}

// XML whitespace: space, tab, CR, LF.
inline bool xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// "ns3:TPX" -> "TPX" (after the first colon).
std::string_view local_name(std::string_view qualified);

// The value of attribute `name` (exact, prefix and all; the first of that name) in a start
// tag's checked `attrs`, or empty.
std::string_view attribute(std::string_view attrs, std::string_view name);

}  // namespace ts::fitbit
