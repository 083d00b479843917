// Programs: which translation units of a compile database are linked together.
//
// A compile database often holds several programs (a server, its client, its tests) and
// the same file built more than once (other -D flags). Functions and global locks of
// programs that are never linked together must not meet in one lock graph, so the
// whole-program analysis runs once per program and the findings are merged.
//
// Link information, when the build system gives it (CMake's file API reply in the build
// directory: readCMakeLinkInfo), says which objects each executable links: a TU belongs
// to every executable that links its target (directly or through static, shared or
// object libraries); a library linked into no executable is a program of its own.
//
// Without it, programs are inferred from the facts (groupPrograms):
//   * each TU that defines `main` starts a program (two mains are two programs); of a file
//     built more than once (other -D/-U/-include flags), it pulls in the build whose defines
//     are nearest to its own (fewest macros set in one and not the other; ties: the same
//     n-th command of the file, then the first): the broker's `lib/x.c -DWITH_BROKER`, the
//     client's plain `lib/x.c`;
//   * a program pulls in the TUs that define (in their main file, not a header) the
//     functions its TUs call or start as threads and the external variables they use that
//     one file defines (minidlna's `event_module`, filled with select.c's functions, is all
//     main() names of select.c; not frr's `zclient`, which every daemon defines), and do not
//     define themselves, transitively; a TU defining `main` is never pulled into another
//     program;
//   * two TUs defining the same external function cannot be linked together: the program
//     takes the one built with the defines nearest to its own, and forks, one per
//     definition, among equally near ones (at most 16 forks a program, then all are taken);
//     a fork whose members define one external function twice (it took a file that needs
//     another program's module) is no program when another fork links cleanly;
//   * TUs no program pulls in form one more program (a library), one per build (defines,
//     n-th command) of the files among them built more than once; a file built once joins
//     those whose defines are nearest to its own.
// Internal linkage never merges anyway: file-static locks and functions have
// per-file keys (Extract.cpp).
// Cost: linear in the calls of the TUs per program.
#ifndef LOCKGRAPH_ANALYZER_PROGRAMS_H
#define LOCKGRAPH_ANALYZER_PROGRAMS_H

#include "Facts.h"

#include <map>
#include <string>
#include <vector>

namespace lockgraph {

struct ProgramGroup {
  std::string name;          // the executable, or the file that defines main, or "library"
  std::vector<size_t> tus;   // indices into the TUs given to groupPrograms, ascending
};

// Groups `TUs` into programs: by TUFacts::programs where set, else inferred (above).
// `Defines`: per TU (same index), the sorted preprocessor flags of its command
// (compileDefines(); empty when not known). TUs that failed to compile are in no group.
// Deterministic.
std::vector<ProgramGroup> groupPrograms(const std::vector<TUFacts> &TUs,
                                        const std::vector<std::vector<std::string>> &Defines = {});

// The flags of a compile command that change what the preprocessor sees (-DX, -UX,
// -include F, in either spelling), sorted and deduplicated.
std::vector<std::string> compileDefines(const std::vector<std::string> &Command);

// Which executables link which objects, from CMake's file API (codemodel-v2).
class LinkInfo {
public:
  bool empty() const { return ObjectDirs.empty() && Sources.empty(); }
  size_t programCount() const { return NumPrograms; }
  // The programs linking the object compiled from `File` (absolute) into `Output`
  // (absolute; empty when the command does not say): matched by the target's object
  // directory, else by the target's list of sources. Empty when unknown.
  std::vector<std::string> programsOf(const std::string &File, const std::string &Output) const;

private:
  friend bool readCMakeLinkInfo(const std::string &, LinkInfo &, std::string &);
  std::vector<std::pair<std::string, std::vector<std::string>>> ObjectDirs;  // ".../CMakeFiles/t.dir/"
  std::map<std::string, std::vector<std::string>> Sources;                   // absolute source path
  size_t NumPrograms = 0;
};

// Reads the newest reply of CMake's file API under BUILD_DIR/.cmake/api/v1/reply (made by
// a configure run after a query file BUILD_DIR/.cmake/api/v1/query/codemodel-v2 exists).
// False with `Err` empty when there is no reply; false with `Err` set when there is one
// that cannot be read (malformed, truncated).
bool readCMakeLinkInfo(const std::string &BuildDir, LinkInfo &Out, std::string &Err);

}  // namespace lockgraph

#endif
