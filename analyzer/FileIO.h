// FileIO: how the analyzer reads and writes files it does not trust.
//
// Every file the analyzer reads is input: the facts cache (which any process with
// write access to the build tree can change), --merge facts, baselines, config, the
// build system's reply files. Reads are bounded in size and, where the caller asks,
// never follow a symbolic link and accept only regular files (a FIFO would block, a
// link to /dev/zero would never end). Writes of files that replace others go
// through a fresh temporary file (O_EXCL, O_NOFOLLOW) and rename(2); a report or
// baseline written to a FIFO, a device or through a link goes where the user
// pointed it instead of replacing the link with a regular file.
// Plain POSIX; no locking (callers write distinct paths).
#ifndef LOCKGRAPH_ANALYZER_FILEIO_H
#define LOCKGRAPH_ANALYZER_FILEIO_H

#include <cstddef>
#include <string>
#include <vector>

namespace lockgraph {

struct ReadLimits {
  size_t maxBytes = 256u << 20;  // larger files are an error, never read whole
  bool regularOnly = true;       // refuse FIFOs, devices, directories
  bool followLinks = true;       // false: a symbolic link is refused (O_NOFOLLOW)
};

// Reads `Path` whole into `Out`. False with `Err` (why: "a symbolic link (not
// followed)", "not a regular file", "larger than 256 MiB", strerror) otherwise.
bool readInputFile(const std::string &Path, const ReadLimits &L, std::string &Out, std::string &Err);

// Limits of files inside the facts cache: regular files only, no links, 256 MiB.
ReadLimits cacheFileLimits();
// Limits of files named by the user (--baseline, --config, --merge inputs): links are
// followed and a FIFO (`<(...)`, /dev/stdin) is read, up to 256 MiB.
ReadLimits userFileLimits();

// Writes `Text` to a new temporary file beside `Path` and renames it over `Path`.
bool writeAtomically(const std::string &Path, const std::string &Text, std::string &Err);

// Writes `Text` where the user pointed: a regular file (or a new one) is replaced
// atomically; a symbolic link's target is replaced, the link kept; a FIFO or a
// character device is written to in place. A directory is an error.
bool writeUserFile(const std::string &Path, const std::string &Text, std::string &Err);

// True when the text's arrays/objects nest at most `MaxDepth` deep (strings skipped):
// checked before handing JSON to a recursive parser.
bool jsonNestingWithin(const std::string &Text, unsigned MaxDepth);

// A file name as shown in text output and comments: control characters and bytes
// that are not UTF-8 are written as C escapes (\n, \x1b, \xff), backslashes doubled.
std::string printableName(const std::string &Name);

// Appends `S` as a JSON string. Bytes that are not part of valid UTF-8 are written as
// the escapes \udc80-\udcff (Python's "surrogateescape": os.fsencode() of the decoded
// string gives the bytes back), which readJsonString() and the facts reader turn back
// into the byte: a file name that is not UTF-8 survives a round trip.
void appendJsonString(std::string &Out, const std::string &S);

// Appends `V` as a JSON array of strings (appendJsonString each).
void appendJsonStrings(std::string &Out, const std::vector<std::string> &V);

// A file name as a URI path (SARIF artifactLocation): RFC 3986 percent-encoding of
// every byte outside the unreserved set and '/'. Absolute paths get "file://".
std::string fileUri(const std::string &Path);

}  // namespace lockgraph

#endif
