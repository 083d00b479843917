// Extract: walks one parsed translation unit and records its Facts.
//
// Each function body is turned into a Clang CFG (with implicit destructors, so
// RAII guards release at scope exit) and run through a forward may-held
// dataflow over lock sets; the final pass records acquisitions with the locks
// held, calls with their argument objects, shared-data accesses, thread spawns
// and joins. Functions of the same TU are summarised on demand (callees first)
// so that lock wrappers are applied at their call sites.
#ifndef LOCKGRAPH_ANALYZER_EXTRACT_H
#define LOCKGRAPH_ANALYZER_EXTRACT_H

#include <map>
#include <string>

namespace clang {
class ASTContext;
class FunctionDecl;
}

namespace lockgraph {

struct Config;
struct TUFacts;
struct FunctionSummary;

// `External` (may be null): summaries of functions defined in other TUs. `WorkDir`: the compile
// command's directory, which relative file names of the TU are anchored at (sites are absolute).
void extractFacts(clang::ASTContext &Ctx, const Config &Cfg, const std::map<std::string, FunctionSummary> *External,
                  TUFacts &Out, const std::string &WorkDir = {});

// A function of a library's installed (system) header that may be a lock wrapper: its name or
// an enclosing class's says so ("mutex", "lock" but not "block"/"clock", "guard", "critical",
// "spin"), outside the standard library and Boost (their locks are in the lock table). Its body
// is parsed and summarised like a wrapper of the program's own (cwidget's `threads::mutex::lock`
// guard, used by aptitude); the function itself is no part of the facts.
bool libraryLockWrapper(const clang::FunctionDecl *FD);

}  // namespace lockgraph

#endif
