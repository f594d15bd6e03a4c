// Adapters for the plan / step / assemble conversion (core/convert/steps.h holds the format).
#pragma once
#include <string>

#include "boundary/abi.h"

namespace ts::api {

// TSB1 (options + "sizes"; light files with bytes, heavy ones may be empty) -> plan JSON
// {"report","steps","part"}. capacity when the workouts alone exceed the input's output budget.
Error plan(boundary::Input in, std::string& out);

// TSB1 (options + "step"; exactly the step's files) -> TSB1 (part.json, then the step's files).
// invalid_argument when the step comes from a plan made with another timeZone (plannedZone).
Error step(boundary::Input in, std::string& out);

// TSB1 (options; the plan's part, then every step's part.json in plan order) -> TSB1
// (manifest.json, IMPORT.txt, csv/…, reference/… tables). capacity when all outputs together
// exceed the input's output budget; invalid_argument for a part planned with another timeZone.
Error assemble(boundary::Input in, std::string& out);

// TSB1 (a run of consecutive parts: steps' part.json or gathered parts) -> one gathered part
// (core/convert/gathered.h), which assemble takes in place of the run.
Error gather(boundary::Input in, std::string& out);

// TSB1 (exercise files) -> TSB1 (each file's digest, by the same name: core/convert/
// exercise_digest.h), which plan takes in place of the file's bytes. invalid_argument for a
// file that is not an exercise file by its name.
Error digest(boundary::Input in, std::string& out);

// TSB1 (options + "steps": a group; the steps' files, whole) -> {"pieces": {path: [offset,
// length, size]}}: what the group reads of its heart-rate days (core/convert/step_pieces.h),
// which step takes in their place (options "pieces").
Error step_pieces(boundary::Input in, std::string& out);

}  // namespace ts::api
