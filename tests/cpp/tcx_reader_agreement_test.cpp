// The TCX reader reads tokens and lays trackpoints along the one before (xml_tokens.h,
// tcx_point_layout.h); the reader it replaced built pugixml's tree. On any bytes the two must
// refuse alike or read alike (wasm/fuzz/workout_readers_target.h same_tcx_reading): numbered
// shapes below, each saying what it tries, then every shape cut, spliced and mutated. The tcx
// fuzz target holds the two to it on whatever libFuzzer makes.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "fuzz/workout_readers_target.h"

namespace {

using ts::fitbit::TcxActivity;

std::string doc(const std::string& track, const std::string& lap_extra = "", const std::string& head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {
  return head +
         "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\n"
         "  <Activities>\n    <Activity Sport=\"Running\">\n      <Id>2024-05-04T07:00:00.000Z</Id>\n"
         "      <Lap StartTime=\"2024-05-04T07:00:00.000Z\">\n        <TotalTimeSeconds>60.0</TotalTimeSeconds>\n"
         "        <DistanceMeters>120.5</DistanceMeters>\n        <Calories>7</Calories>\n" +
         lap_extra + "        <Track>\n" + track + "        </Track>\n      </Lap>\n    </Activity>\n  </Activities>\n</TrainingCenterDatabase>\n";
}

// A trackpoint as Fitbit writes one: every element on its own line.
std::string point(int s, bool hr = true, bool pos = true, const std::string& extra = "") {
  const std::string t = std::to_string(10 + s);
  std::string p = "          <Trackpoint>\n            <Time>2024-05-04T07:00:" + t + ".000Z</Time>\n";
  if (pos)
    p += "            <Position>\n              <LatitudeDegrees>40.70" + std::to_string(1000 + s * 7) +
         "</LatitudeDegrees>\n              <LongitudeDegrees>-74.00" + std::to_string(2000 + s * 3) + "</LongitudeDegrees>\n            </Position>\n";
  p += "            <AltitudeMeters>" + std::to_string(40 + s % 5) + ".5</AltitudeMeters>\n            <DistanceMeters>" +
       std::to_string(s * 3) + ".25</DistanceMeters>\n";
  if (hr) p += "            <HeartRateBpm>\n              <Value>" + std::to_string(120 + s) + "</Value>\n            </HeartRateBpm>\n";
  return p + extra + "          </Trackpoint>\n";
}

// Fitbit's points with each time's 'Z' written '&#x5A;' and each latitude's first digit '&#52;'.
std::string with_references(std::string s) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"Z</Time>", "&#x5A;</Time>"}, {"<LatitudeDegrees>4", "<LatitudeDegrees>&#52;"}})
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

std::string points(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += point(i);
  return s;
}

// A triathlon-like session as Garmin writes one: swim, a transition, bike; each sport's
// distances count from its own start.
std::string multisport() {
  auto lap = [](const std::string& tag, const std::string& start, int first) {
    std::string pts;
    for (int i = first; i < first + 2; ++i) pts += point(i);
    return "<" + tag + " StartTime=\"" + start + "\"><TotalTimeSeconds>2.0</TotalTimeSeconds><DistanceMeters>6</DistanceMeters><Track>" + pts +
           "</Track></" + tag + ">";
  };
  return "<TrainingCenterDatabase><Activities><MultiSportSession><Id>2024-05-04T07:00:00Z</Id>"
         "<FirstSport><Activity Sport=\"Running\"><Id>2024-05-04T07:00:10Z</Id>" + lap("Lap", "2024-05-04T07:00:10Z", 0) +
         "</Activity></FirstSport><NextSport>" + lap("Transition", "2024-05-04T07:00:12Z", 2) +
         "<Activity Sport=\"Biking\"><Id>2024-05-04T07:00:14Z</Id>" + lap("Lap", "2024-05-04T07:00:14Z", 4) +
         "</Activity></NextSport></MultiSportSession></Activities></TrainingCenterDatabase>";
}

struct Shape {
  int n;
  const char* why;
  std::string bytes;
  bool readable;  // what both readers must do with it
};

std::vector<Shape> shapes() {
  const std::string tpx = "<Extensions><ns3:TPX xmlns:ns3=\"x\"><ns3:Speed>2.5</ns3:Speed><ns3:RunCadence>85</ns3:RunCadence></ns3:TPX></Extensions>";
  std::vector<Shape> v;
  v.push_back({1, "Fitbit's layout: every point after the first read along it", doc(points(20)), true});
  v.push_back({2, "points without heart rate or position between others: the layout changes and comes back",
               doc(point(0) + point(1) + point(2, false) + point(3) + point(4, true, false) + point(5) + point(6)), true});
  v.push_back({3, "a comment inside a value after the layout: the first run is the one taken, the rest differs",
               doc(points(3) + "          <Trackpoint><Time>2024-05-04T07:01:00Z</Time><HeartRateBpm><Value>9<!--x-->6</Value></HeartRateBpm></Trackpoint>\n" +
                   "          <Trackpoint><Time>2024-05-04T07:01:01Z</Time><HeartRateBpm><Value>9<!--x-->6</Value></HeartRateBpm></Trackpoint>\n" +
                   "          <Trackpoint><Time>2024-05-04T07:01:02Z</Time><HeartRateBpm><Value> <!--x-->7</Value></HeartRateBpm></Trackpoint>\n"),
               true});
  v.push_back({4, "a value only whitespace where the layout has one: the element's later run is its value",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time><Cadence>80<!--c-->81</Cadence></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:02Z</Time><Cadence> <!--c-->81</Cadence></Trackpoint>"),
               true});
  v.push_back({5, "an empty Time after a good one drops the point, in both",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time><Time></Time></Trackpoint><Trackpoint><Time>2024-05-04T07:00:02Z</Time><Time/></Trackpoint>"),
               true});
  v.push_back({6, "the TPX extension with a prefix; RunCadence only where Cadence is absent",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time>" + tpx + "</Trackpoint><Trackpoint><Time>2024-05-04T07:00:02Z</Time><Cadence>70</Cadence>" +
                   tpx + "</Trackpoint><Trackpoint><Time>2024-05-04T07:00:03Z</Time>" + tpx + "<Cadence>71</Cadence></Trackpoint>"),
               true});
  v.push_back({7, "the second Value of a HeartRateBpm and the second TPX are not read",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time><HeartRateBpm><Value>x</Value><Value>99</Value></HeartRateBpm>"
                   "<Extensions><TPX><Speed>1</Speed></TPX><TPX><Speed>2</Speed></TPX></Extensions></Trackpoint>"),
               true});
  v.push_back({8, "self-closing trackpoints, tracks and laps", doc("<Trackpoint/><Trackpoint/>" + points(2), "<Track/>"), true});
  v.push_back({9, "CDATA is a value (pugixml's parse_cdata): alone, and after a run, which comes first",
               doc("<Trackpoint><Time><![CDATA[2024-05-04T07:00:01Z]]></Time></Trackpoint><Trackpoint><Time>2024-05-04T07:00:02Z<![CDATA[x]]></Time></Trackpoint>"),
               true});
  v.push_back({10, "a DOCTYPE with an internal subset, a byte order mark and a processing instruction",
               doc(points(2), "", "\xEF\xBB\xBF<?xml version=\"1.0\"?><!DOCTYPE t [ <!ELEMENT t (#PCDATA)> <!-- c --> <![IGNORE[ x ]]> ]><?pi x?>"), true});
  v.push_back({11, "two activities: the second's track is a segment of its own",
               "<TrainingCenterDatabase><Activities><Activity Sport=\"Biking\"><Id>2024-05-04T07:00:00Z</Id><Lap><Track>" + points(2) +
                   "</Track></Lap></Activity><Activity Sport=\"Other\"><Id>x</Id><Lap><Track>" + points(2) + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
               true});
  v.push_back({12, "a second top-level element: the last is the root, and it is no TCX", doc(points(2)) + "<x/>", false});
  v.push_back({13, "a cut file: an element left open", doc(points(3)).substr(0, 400), false});
  v.push_back({14, "a NUL byte ends the document", doc(points(3)).substr(0, 500) + std::string(1, '\0') + doc(points(1)), false});
  v.push_back({15, "a NUL after the root is closed: what follows is not read", doc(points(2)) + std::string(1, '\0') + "<<< x", true});
  v.push_back({16, "an end tag of another name", doc(points(1) + "</Trackpoint>"), false});
  v.push_back({17, "attributes: single quotes, spaces around '=', '<' and '>' inside a value",
               "<TrainingCenterDatabase a = 'x<y>' b=\"'\"><Activities><Activity  Sport = 'Biking' ><Lap StartTime=\"2024-05-04T07:00:00Z\"><Track>" +
                   points(2) + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
               true});
  v.push_back({18, "attributes not separated by a space", "<TrainingCenterDatabase a='1'b='2'/>", false});
  v.push_back({19, "an unterminated comment", doc(points(1)) + "<!-- x", false});
  v.push_back({20, "a DOCTYPE inside an element", "<TrainingCenterDatabase><!DOCTYPE x></TrainingCenterDatabase>", false});
  v.push_back({21, "text outside the root, any text", "junk <TrainingCenterDatabase/> more junk & stuff", true});
  v.push_back({22, "no element at all", "<?xml version=\"1.0\"?><!-- only a comment -->", false});
  v.push_back({23, "a point whose value holds '>' and '&amp;' ('8&0' after expansion: no number)",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time><Cadence>8&amp;0</Cadence></Trackpoint><Trackpoint><Time>2024-05-04T07:00:02Z</Time><Cadence>8>0</Cadence></Trackpoint>"),
               true});
  v.push_back({24, "points in the wrong order and repeated times",
               doc(point(3) + point(1) + point(2) + point(1) + point(5)), true});
  v.push_back({25, "an end tag with spaces before '>'", doc(points(1)) .replace(doc(points(1)).find("</Track>"), 8, "</Track  >"), true});
  v.push_back({26, "the layout's literal cut by the end of the file", doc(points(3)).substr(0, doc(points(3)).find("</Track>") - 30), false});
  auto watts = [&](int s, const std::string& w) {
    return point(s, true, true, "            <Extensions><ns3:TPX><ns3:Watts>" + w + "</ns3:Watts></ns3:TPX></Extensions>\n");
  };
  v.push_back({27, "helper finding: a power meter's Watts, unread, changing every point: not compared, the point still read along the one before",
               doc(watts(0, "210") + watts(1, "1999") + watts(2, "7") + watts(3, "  88  ") + watts(4, "0")), true});
  v.push_back({28, "an unread run that becomes only whitespace, a comment or nothing in the next point",
               doc(watts(0, "210") + watts(1, "   ") + watts(2, "<!--w-->") + watts(3, "") + watts(4, "5<!--w-->6")), true});
  // Garmin's multisport files (Left in the issue-14 note: both readers read 0 points of them).
  v.push_back({29, "a multisport session: a FirstSport activity, then a NextSport's Transition and Activity, every point read",
               multisport(), true});
  v.push_back({30, "a plain activity, then a multisport session: one after the other, in document order",
               "<TrainingCenterDatabase><Activities><Activity Sport=\"Other\"><Id>2024-05-04T06:00:00Z</Id><Lap><Track>" + points(2) +
                   "</Track></Lap></Activity>" + multisport().substr(multisport().find("<MultiSportSession>")),
               true});
  v.push_back({31, "a session of a transition alone: its points read, no sport named",
               "<TrainingCenterDatabase><Activities><MultiSportSession><NextSport><Transition><Track>" + points(3) +
                   "</Track></Transition></NextSport></MultiSportSession></Activities></TrainingCenterDatabase>",
               true});
  // Helper finding: valid XML the reader did not decode (a third-party or hand-edited TCX).
  v.push_back({32, "references in values: times ending '&#x5A;', a latitude digit '&#52;', read along each other",
               doc(with_references(points(6))), true});
  v.push_back({33, "CDATA values: a heart rate alone, one after whitespace, a whitespace-only one before a run (it is the text)",
               doc(point(0) + "<Trackpoint><Time>2024-05-04T07:00:11Z</Time><HeartRateBpm><Value><![CDATA[95]]></Value></HeartRateBpm></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:12Z</Time><HeartRateBpm><Value>\n <![CDATA[ 96 ]]></Value></HeartRateBpm></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:13Z</Time><HeartRateBpm><Value><![CDATA[ ]]>97</Value></HeartRateBpm></Trackpoint>"
                   "<Trackpoint><Time><![CDATA[2024-05-04T07:00:14Z]]></Time><Cadence><![CDATA[8&#x30;]]></Cadence></Trackpoint>"),
               true});
  v.push_back({34, "references in attributes: the sport and a lap's start",
               "<TrainingCenterDatabase><Activities><Activity Sport=\"Runn&#x69;ng\"><Id>2024-05-04T07:00:00&#x5A;</Id><Lap StartTime=\"2024-05-04T07:00:00&#90;\"><Track>" +
                   points(2) + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
               true});
  v.push_back({35, "references that are none, or odd: kept as written, or a value cut at an expanded NUL, as pugixml reads them",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time><Cadence>8&#;</Cadence><AltitudeMeters>&#x;1</AltitudeMeters></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:02Z</Time><Cadence>&#xZ;8</Cadence><AltitudeMeters>&foo;1&am</AltitudeMeters></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:03Z</Time><Cadence>81&#0;junk</Cadence><AltitudeMeters>1&#x1F600;</AltitudeMeters></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:04Z</Time><Cadence>&#4294967344;</Cadence><AltitudeMeters>&#X31;&#x31</AltitudeMeters></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:05Z&#0;</Time><Cadence>&amp;&lt;&gt;&quot;&apos;</Cadence><AltitudeMeters>&#32;5&#x9;</AltitudeMeters></Trackpoint>"),
               true});
  // Points with CDATA sections are read by the tokenizer each (tcx_point_layout.h forget):
  // a reference inside a section is kept as written.
  v.push_back({36, "points of one layout whose heart rates are CDATA holding a reference: read as written (no number), each of them",
               doc("<Trackpoint><Time>2024-05-04T07:00:01Z</Time><HeartRateBpm><Value><![CDATA[9&#55;]]></Value></HeartRateBpm></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:02Z</Time><HeartRateBpm><Value><![CDATA[9&#56;]]></Value></HeartRateBpm></Trackpoint>"
                   "<Trackpoint><Time>2024-05-04T07:00:03Z</Time><HeartRateBpm><Value><![CDATA[99]]></Value></HeartRateBpm></Trackpoint>"),
               true});
  return v;
}

}  // namespace

TEST_CASE("tcx reader: the tokenizing reader reads as the tree reader did (numbered shapes)", "[tcx][agreement]") {
  for (const Shape& s : shapes()) {
    INFO("shape " << s.n << ": " << s.why);
    CHECK(ts::fuzz::same_tcx_reading(s.bytes));
    TcxActivity a;
    ts::fitbit::Problems problems;
    CHECK(static_cast<bool>(ts::fitbit::read_tcx("1.tcx", s.bytes, a, problems)) == !s.readable);
  }
}

TEST_CASE("tcx reader: the two agree on every shape cut, spliced and mutated", "[tcx][agreement]") {
  std::mt19937 rng(14);
  const std::string noise = "<>/!?-[]'\"= \n\tA:xTrackpointTime0.5";
  int checked = 0;
  for (const Shape& s : shapes()) {
    const std::string& b = s.bytes;
    for (int round = 0; round < 300; ++round) {
      std::string m = b;
      const size_t at = m.empty() ? 0 : rng() % m.size();
      switch (round % 5) {
        case 0: m = m.substr(0, at); break;                                   // cut
        case 1: m.erase(at, 1 + rng() % 8); break;                            // bytes lost
        case 2: m.insert(at, 1, noise[rng() % noise.size()]); break;          // a byte added
        case 3: m[at] = noise[rng() % noise.size()]; break;                   // a byte changed
        case 4: m.insert(at, b.substr(rng() % b.size(), 1 + rng() % 200)); break;  // a piece repeated
      }
      INFO("shape " << s.n << ", round " << round << ": " << m);
      REQUIRE(ts::fuzz::same_tcx_reading(m));
      ++checked;
    }
  }
  CHECK(checked == 36 * 300);
}

TEST_CASE("tcx reader: a multisport session's sports and transitions are read (shapes 29 and 31)", "[tcx]") {
  TcxActivity a;
  ts::fitbit::Problems problems;
  REQUIRE_FALSE(ts::fitbit::read_tcx("1.tcx", multisport(), a, problems));
  CHECK(a.sport == "Running");  // the first activity's
  CHECK(a.id_ms == 1714806010000);
  CHECK(a.laps.size() == 3);  // the run's lap, the transition, the ride's lap
  REQUIRE(a.points.size() == 6);
  // Each piece is a recording of its own: a segment starts at the transition and at the ride.
  CHECK(a.points[2].segment_start);
  CHECK(a.points[4].segment_start);
  TcxActivity t;
  const std::string alone = shapes()[30].bytes;
  REQUIRE_FALSE(ts::fitbit::read_tcx("1.tcx", alone, t, problems));
  CHECK(t.points.size() == 3);
  CHECK(t.sport.empty());
}

TEST_CASE("tcx reader: a value written with references or as CDATA reads as its characters (numbered rows)", "[tcx]") {
  // Helper finding: times ending '&#x5A;' lost 911 of 913 points ("no time TrackerSync can
  // read"), and heart rates as CDATA were read as none, with nothing said.
  const std::string plain = doc(points(6));
  std::string cdata = plain;
  for (size_t at = cdata.find("<Value>"); at != std::string::npos; at = cdata.find("<Value>", at + 1)) {
    const size_t end = cdata.find("</Value>", at);
    cdata.replace(end, 0, "]]>");
    cdata.replace(at + 7, 0, "<![CDATA[");
  }
  std::string attrs = with_references(plain);
  attrs.replace(attrs.find("Sport=\"Running\""), 15, "Sport=\"Runn&#x69;ng\"");
  attrs.replace(attrs.find(".000Z\">"), 7, ".000&#90;\">");
  const struct {
    int n;
    const char* why;
    std::string bytes;
  } rows[] = {
      {1, "times and latitudes with character references", doc(with_references(points(6)))},
      {2, "every heart rate a CDATA section", cdata},
      {3, "the sport and the lap's start with references too", attrs},
  };
  TcxActivity want;
  ts::fitbit::Problems problems;
  REQUIRE_FALSE(ts::fitbit::read_tcx("1.tcx", plain, want, problems));
  REQUIRE(want.points.size() == 6);
  for (const auto& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    TcxActivity got;
    REQUIRE_FALSE(ts::fitbit::read_tcx("1.tcx", r.bytes, got, problems));
    CHECK(got.sport == want.sport);
    CHECK(got.id_ms == want.id_ms);
    REQUIRE(got.laps.size() == 1);
    CHECK(got.laps[0].start_ms == want.laps[0].start_ms);
    REQUIRE(got.points.size() == want.points.size());
    for (size_t i = 0; i < got.points.size(); ++i) {
      CHECK(got.points[i].time_ms == want.points[i].time_ms);
      CHECK(got.points[i].lat_deg == want.points[i].lat_deg);
      CHECK(got.points[i].heart_rate == want.points[i].heart_rate);
    }
  }
}
