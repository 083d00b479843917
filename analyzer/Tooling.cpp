// The Clang front-end side of the driver: compile database, one ClangTool per TU.
#include "Driver.h"

#include "Config.h"
#include "Extract.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Driver/Types.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#ifndef LOCKGRAPH_CLANG_RESOURCE_DIR
#define LOCKGRAPH_CLANG_RESOURCE_DIR ""
#endif

namespace lockgraph {

using namespace clang;

static void collectDeps(const SourceManager &SM, TUResult &Res);

std::string resourceDir() {
  static const std::string Dir = [] {
    std::string D = LOCKGRAPH_CLANG_RESOURCE_DIR;
    if (!D.empty() && llvm::sys::fs::is_directory(D + "/include"))
      return D;
    // relative to clang-19 on PATH: <prefix>/bin/clang -> <prefix>/lib/clang/19
    if (auto P = llvm::sys::findProgramByName("clang-19")) {
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(*P, Real)) {
        llvm::SmallString<256> R(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Real)));
        llvm::sys::path::append(R, "lib", "clang", "19");
        if (llvm::sys::fs::is_directory(R + "/include"))
          return std::string(R);
      }
    }
    return D;
  }();
  return Dir;
}

// The language of a compile command's source when it is not one the analyzer reads (C, C++,
// Objective-C and their headers), else empty: the command's last `-x LANG` (`-x none` clears
// it), else the extension as the driver reads it. An extension the driver does not know is
// analysed as before: if it is no C, its parse fails and says so.
static std::string otherLanguage(const tooling::CompileCommand &C) {
  namespace types = clang::driver::types;
  types::ID T = types::TY_INVALID;
  for (size_t I = 1; I < C.CommandLine.size(); ++I) {
    llvm::StringRef A = C.CommandLine[I];
    std::string Spec;
    if (A == "-x" && I + 1 < C.CommandLine.size())
      Spec = C.CommandLine[++I];
    else if (A.starts_with("-x") && A.size() > 2)
      Spec = A.substr(2).str();
    else
      continue;
    T = Spec == "none" ? types::TY_INVALID : types::lookupTypeForTypeSpecifier(Spec.c_str());
  }
  if (T == types::TY_INVALID) {
    llvm::StringRef Ext = llvm::sys::path::extension(C.Filename);
    if (Ext.size() > 1)
      T = types::lookupTypeForExtension(Ext.drop_front());
  }
  if (T == types::TY_INVALID)
    return "";
  if (types::isCuda(T))
    return "CUDA";
  if (types::isHIP(T))
    return "HIP";
  if (types::isOpenCL(T))
    return "OpenCL";
  if (types::isDerivedFromC(T))
    return "";
  if (types::isAcceptedByFlang(T))
    return "Fortran";
  llvm::StringRef Name = types::getTypeName(T);
  if (Name.starts_with("assembler"))
    return "assembly";
  if (types::isLLVMIR(T))
    return "LLVM IR";
  return Name.str();
}

bool loadCompileDatabase(const std::string &BuildPath, std::vector<TUJob> &Jobs, std::string &DbPath, std::string &Err,
                         std::vector<SkippedEntry> &Skipped) {
  std::string Path;
  if (!BuildPath.empty()) {
    Path = BuildPath;
    if (llvm::sys::fs::is_directory(Path))
      Path += "/compile_commands.json";
    if (!llvm::sys::fs::exists(Path)) {
      Err = "no compile_commands.json at '" + Path + "'";
      return false;
    }
  } else {
    llvm::SmallString<256> Dir;
    llvm::sys::fs::current_path(Dir);
    while (true) {
      llvm::SmallString<256> Cand(Dir);
      llvm::sys::path::append(Cand, "compile_commands.json");
      if (llvm::sys::fs::exists(Cand)) {
        Path = std::string(Cand);
        break;
      }
      llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
      if (Parent.empty() || Parent == Dir) {
        Err = "could not find compile_commands.json in the current directory or any parent; pass -p BUILD_DIR";
        return false;
      }
      Dir = std::string(Parent);  // (a view into Dir: copied before Dir is overwritten)
    }
  }
  std::string E;
  auto Db = tooling::JSONCompilationDatabase::loadFromFile(Path, E, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db) {
    Err = "cannot read '" + Path + "': " + E;
    return false;
  }
  DbPath = Path;
  for (const auto &C : Db->getAllCompileCommands()) {
    // bear can record the driver's own `clang -cc1` re-execution: not a compile command
    if (C.CommandLine.size() > 1 && C.CommandLine[1] == "-cc1")
      continue;
    llvm::SmallString<256> F(C.Filename);
    if (!llvm::sys::path::is_absolute(F)) {
      F = C.Directory;
      llvm::sys::path::append(F, C.Filename);
    }
    llvm::sys::path::remove_dots(F, true);
    // Sources in other languages (zstd lists its .S files, scotch its Fortran tests): not
    // analyzed, not an error. `.asm` is no extension the driver knows.
    std::string Other = otherLanguage(C);
    if (Other.empty() && llvm::sys::path::extension(C.Filename).equals_insensitive(".asm"))
      Other = "assembly";
    if (!Other.empty()) {
      Skipped.push_back({std::string(F), Other});
      continue;
    }
    TUJob J;
    J.file = std::string(F);
    J.directory = C.Directory;
    J.command = C.CommandLine;
    J.output = C.Output;
    for (size_t I = 1; J.output.empty() && I < C.CommandLine.size(); ++I) {
      llvm::StringRef A = C.CommandLine[I];
      if (A == "-o" && I + 1 < C.CommandLine.size())
        J.output = C.CommandLine[I + 1];
      else if (A.starts_with("-o") && A.size() > 2)
        J.output = A.substr(2).str();
    }
    if (!J.output.empty() && !llvm::sys::path::is_absolute(J.output)) {
      llvm::SmallString<256> O(C.Directory);
      llvm::sys::path::append(O, J.output);
      llvm::sys::path::remove_dots(O, true);
      J.output = std::string(O);
    }
    Jobs.push_back(std::move(J));
  }
  return true;
}

namespace {

class Consumer : public ASTConsumer {
public:
  Consumer(const Config &C, const SummaryTable *E, TUResult &R, const std::string &Dir)
      : Cfg(C), Ext(E), Res(R), Dir(Dir) {}
  void Initialize(ASTContext &Ctx) override { SM = &Ctx.getSourceManager(); }
  // The extractor reads no function of a system header (ExtractInternal.h, inUserCode()):
  // their bodies, and the template instantiations they would make, are not parsed (the
  // standard library's, a C++ TU's most time; constexpr functions and deduced return types
  // are parsed all the same, Sema::canSkipFunctionBody()). Calls into them are calls of code
  // not seen, as of any library function. Except a library's lock wrappers
  // (libraryLockWrapper(): cwidget's `threads::mutex::lock` guard in /usr/include/cwidget).
  bool shouldSkipFunctionBody(Decl *D) override {
    if (!SM || !SM->isInSystemHeader(SM->getExpansionLoc(D->getLocation())))
      return false;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    return !FD || !libraryLockWrapper(FD);
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    extractFacts(Ctx, Cfg, Ext, Res.facts, Dir);
    collectDeps(Ctx.getSourceManager(), Res);
  }

private:
  const Config &Cfg;
  const SummaryTable *Ext;
  TUResult &Res;
  const std::string &Dir;
  const SourceManager *SM = nullptr;
};

class Action : public ASTFrontendAction {
public:
  // Skip system headers' bodies: in C++ TUs (cxxCommand()) only; another TU may also be parsed
  // into an ASTUnit (analyzeTU()), which parses every body, and a TU's facts must not depend
  // on which way it went
  Action(const Config &C, const SummaryTable *E, TUResult &R, const std::string &Dir, bool SkipSystemBodies)
      : Cfg(C), Ext(E), Res(R), Dir(Dir), Skip(SkipSystemBodies) {}
  bool BeginSourceFileAction(CompilerInstance &CI) override {
    CI.getFrontendOpts().SkipFunctionBodies = Skip;
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<Consumer>(Cfg, Ext, Res, Dir);
  }

private:
  const Config &Cfg;
  const SummaryTable *Ext;
  TUResult &Res;
  const std::string &Dir;
  bool Skip;
};

class Factory : public tooling::FrontendActionFactory {
public:
  Factory(const Config &C, const SummaryTable *E, TUResult &R, const std::string &Dir, bool Skip)
      : Cfg(C), Ext(E), Res(R), Dir(Dir), Skip(Skip) {}
  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(Cfg, Ext, Res, Dir, Skip); }

private:
  const Config &Cfg;
  const SummaryTable *Ext;
  TUResult &Res;
  const std::string &Dir;
  bool Skip;
};

// GCC-only flags that make the clang driver fail.
bool gccOnlyFlag(llvm::StringRef A) {
  return A.starts_with("-fno-var-tracking") || A.starts_with("-fconserve-stack") || A.starts_with("-fno-ipa-") ||
         A.starts_with("-mindirect-branch") || A.starts_with("-fstack-clash-protection") ||
         A == "-fno-allow-store-data-races" || A.starts_with("-fno-tree-") || A.starts_with("-fmerge-constants");
}

// `-Wp,OPT,...` without the dependency-file options it passes to the preprocessor (kbuild's
// `-Wp,-MD,ipc/.network_ipc.o.d`): ClangTool strips `-MD`, `-MF x` and their kin, not this form,
// and the parse would write (or fail to write) a dependency file in the user's tree. Empty
// when nothing else is left.
std::string withoutDependencyFile(llvm::StringRef A) {
  llvm::SmallVector<llvm::StringRef, 4> Items;
  A.drop_front(4).split(Items, ',');
  std::string Out;
  for (size_t I = 0; I < Items.size(); ++I) {
    llvm::StringRef X = Items[I];
    if (X == "-MD" || X == "-MMD" || X == "-MF" || X == "-MT" || X == "-MQ") {
      ++I;  // and its file
      continue;
    }
    if (X.starts_with("-M"))
      continue;
    Out += (Out.empty() ? "-Wp," : ",") + X.str();
  }
  return Out;
}

}  // namespace

// Why a compile command cannot be run on its file, or empty: its working directory cannot be
// used (ClangTool aborts the process when it cannot change into it), or its source is no
// regular file (a FIFO would block the parse for ever, as clang waits for a writer; a device
// never ends). A source that does not exist is the parse's to report.
static std::string unusableInput(const std::string &Dir, const std::string &File) {
  if (Dir.empty() || !llvm::sys::path::is_absolute(Dir))
    return "its compile command's \"directory\" '" + Dir + "' is not an absolute path";
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Dir, St) || !llvm::sys::fs::exists(St))
    return "its compile command's \"directory\" '" + Dir + "' does not exist";
  if (!llvm::sys::fs::is_directory(St))
    return "its compile command's \"directory\" '" + Dir + "' is not a directory";
  if (llvm::sys::fs::status(File, St) || !llvm::sys::fs::exists(St) || llvm::sys::fs::is_regular_file(St))
    return {};
  using llvm::sys::fs::file_type;
  return std::string("it is not a regular file (") +
         (St.type() == file_type::fifo_file        ? "a FIFO"
          : St.type() == file_type::directory_file ? "a directory"
          : St.type() == file_type::socket_file    ? "a socket"
                                                   : "a device") +
         ")";
}

struct ParsedTU {
  std::unique_ptr<ASTUnit> unit;
  std::string file;
  std::string directory;  // of its compile command
};

// ASTs are kept while the process's resident memory is below this. Keeping costs memory
// (an AST with its preprocessor state is several times its source) and pays only for the
// TUs the cross-TU pass needs: small trees are kept whole, large ones in part
// (docs/benchmarks.md).
static const size_t KeepBudget = size_t(384) << 20;

static size_t residentBytes() {
  long Pages = 0, Resident = 0;
  if (FILE *F = fopen("/proc/self/statm", "r")) {
    if (fscanf(F, "%ld %ld", &Pages, &Resident) != 2)
      Resident = 0;
    fclose(F);
  }
  return static_cast<size_t>(Resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// A C++ TU (by the source's extension or `-x c++`): its system headers' function bodies are
// skipped (Consumer::shouldSkipFunctionBody()), which an ASTUnit cannot do, so it is never
// kept for the cross-TU pass but parsed again there, which costs less than parsing them.
static bool cxxCommand(const TUJob &Job) {
  for (size_t I = 0; I + 1 < Job.command.size(); ++I)
    if (Job.command[I] == "-x")
      return llvm::StringRef(Job.command[I + 1]).starts_with("c++");
  llvm::StringRef Ext = llvm::sys::path::extension(Job.file);
  return Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" || Ext == ".C" || Ext == ".c++" || Ext == ".cp" || Ext == ".CPP";
}

void ParsedTUDeleter::operator()(ParsedTU *P) const { delete P; }

static void collectDeps(const SourceManager &SM, TUResult &Res) {
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    FileEntryRef FE = It->first;
    Res.deps.push_back({std::string(FE.getName()), static_cast<long long>(FE.getModificationTime()),
                        static_cast<long long>(FE.getSize())});
  }
}

// Set once a TU crashed (recoveredFromCrash(), Driver.h).
static std::atomic<bool> Crashed{false};

bool recoveredFromCrash() { return Crashed.load(); }

// A stack overflow (clang's parser on an expression nested 400000 deep) is a SIGSEGV with no
// stack left to handle it on: each thread that analyzes a TU gets an alternate signal stack, and
// the crash guard's SIGSEGV/SIGBUS handlers run on it (SA_ONSTACK), so that crash fails the TU too.
struct AltSignalStack {
  void *mem = nullptr;
  AltSignalStack() {
    stack_t Cur;
    if (sigaltstack(nullptr, &Cur) == 0 && !(Cur.ss_flags & SS_DISABLE))
      return;  // the thread has one (the main thread's, from LLVM's signal handling)
    const size_t Size = size_t(256) << 10;
    mem = std::malloc(Size);
    stack_t S{};
    S.ss_sp = mem;
    S.ss_size = Size;
    if (!mem || sigaltstack(&S, nullptr) != 0) {
      std::free(mem);
      mem = nullptr;
    }
  }
  ~AltSignalStack() {
    if (!mem)
      return;
    stack_t S{};
    S.ss_flags = SS_DISABLE;
    sigaltstack(&S, nullptr);
    std::free(mem);
  }
};

// Runs `Fn`, which parses or extracts one TU, so that a crash in it (a signal in Clang or in
// the extractor) ends that TU only: false then, with why. The other TUs' findings stand and
// the run says which file it could not analyze (exit 2), where a crash used to end the run
// and lose every finding. What the crashed TU allocated is leaked, not freed.
static bool runGuarded(llvm::function_ref<void()> Fn, std::string &Why) {
  static const bool Enabled = [] {
    llvm::CrashRecoveryContext::Enable();
    for (int Sig : {SIGSEGV, SIGBUS}) {
      struct sigaction A;
      if (sigaction(Sig, nullptr, &A) == 0) {
        A.sa_flags |= SA_ONSTACK;
        sigaction(Sig, &A, nullptr);
      }
    }
    return true;
  }();
  (void)Enabled;
  thread_local AltSignalStack Alt;
  (void)Alt;
  llvm::CrashRecoveryContext CRC;
  if (CRC.RunSafely(Fn))
    return true;
  Crashed = true;
  int Sig = CRC.RetCode > 128 ? CRC.RetCode - 128 : 0;
  const char *Name = Sig == SIGSEGV ? "SIGSEGV" : Sig == SIGBUS ? "SIGBUS" : Sig == SIGABRT ? "SIGABRT"
                   : Sig == SIGILL ? "SIGILL" : Sig == SIGFPE ? "SIGFPE" : Sig == SIGTRAP ? "SIGTRAP" : nullptr;
  Why = std::string("the analyzer crashed on it (") + (Name ? Name : "signal " + std::to_string(Sig)) +
        "); please report it with this file and its compile command";
  return false;
}

// A crashed TU's result is left as the crash left it (half-built containers): it is made on
// the heap and leaked, never destroyed; the caller gets a failed result of its own.
static void failCrashed(TUResult &Out, const std::string &File, const std::string &Why) {
  Out = TUResult{};
  Out.facts.file = File;
  Out.facts.failed = true;
  Out.failure = Why;
}

void reanalyzeTU(ParsedTU &P, const Config &Cfg, const SummaryTable *External, TUResult &Out) {
  auto *R = new TUResult;
  std::string Why;
  if (!runGuarded([&] { extractFacts(P.unit->getASTContext(), Cfg, External, R->facts, P.directory); }, Why))
    return failCrashed(Out, P.file, Why);
  Out = std::move(*R);
  delete R;
  Out.facts.file = P.file;
  Out.ok = true;
}

static void analyzeTUUnguarded(const TUJob &Job, const Config &Cfg, const SummaryTable *External, TUResult &Out,
                               ParsedTUPtr *Keep);

void analyzeTU(const TUJob &Job, const Config &Cfg, const SummaryTable *External, TUResult &Out, ParsedTUPtr *Keep) {
  auto *R = new TUResult;
  ParsedTUPtr Kept;
  std::string Why;
  if (!runGuarded([&] { analyzeTUUnguarded(Job, Cfg, External, *R, Keep ? &Kept : nullptr); }, Why)) {
    (void)Kept.release();  // it may be what crashed: never used or freed
    return failCrashed(Out, Job.file, Why);
  }
  Out = std::move(*R);
  delete R;
  if (Keep)
    *Keep = std::move(Kept);
}

static void analyzeTUUnguarded(const TUJob &Job, const Config &Cfg, const SummaryTable *External, TUResult &Out,
                               ParsedTUPtr *Keep) {
  Out = TUResult{};
  Out.facts.file = Job.file;
  if (std::string Why = unusableInput(Job.directory, Job.file); !Why.empty()) {
    Out.facts.failed = true;
    Out.failure = Why;
    return;
  }
  tooling::CompileCommand Cmd(Job.directory, Job.file, Job.command, "");
  struct OneDb : tooling::CompilationDatabase {
    tooling::CompileCommand C;
    std::vector<tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override { return {C}; }
  } Db;
  Db.C = Cmd;
  // A physical file system of its own: ClangTool sets the working directory of its base file
  // system to the command's directory and back, and the default (process-wide) one would make
  // the TUs analyzed in parallel change each other's directory (relative -I paths then fail).
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(llvm::vfs::createPhysicalFileSystem().release());
  tooling::ClangTool Tool(Db, {Job.file}, std::make_shared<PCHContainerOperations>(), FS);
  std::string Res = resourceDir();
  Tool.appendArgumentsAdjuster([Res](const tooling::CommandLineArguments &Args, llvm::StringRef) {
    tooling::CommandLineArguments A;
    bool HasRes = false;
    for (size_t I = 0; I < Args.size(); ++I) {
      llvm::StringRef S = Args[I];
      if (S.starts_with("-resource-dir"))
        HasRes = true;
      if (gccOnlyFlag(S))
        continue;
      if (S.starts_with("-Wp,")) {
        if (std::string W = withoutDependencyFile(S); !W.empty())
          A.push_back(W);
        continue;
      }
      A.push_back(Args[I]);
    }
    if (!A.empty()) {
      // No warnings, and not the errors Clang makes of what GCC 12 (Debian 12's compiler, which
      // built the trees we are given) only warns about: a tree that GCC builds is analysed.
      std::vector<std::string> Extra{"-w",
                                     "-Wno-error",
                                     "-Wno-error=incompatible-function-pointer-types",
                                     "-Wno-error=int-conversion",
                                     "-Wno-error=implicit-function-declaration",
                                     "-Wno-error=implicit-int",
                                     "-Wno-error=return-mismatch",
                                     // C++ (ros_comm's message_filters: `drop_signal_.template
                                     // addCallback(cb)`; narrowing a non-constant in braces)
                                     "-Wno-error=missing-template-arg-list-after-template-kw",
                                     "-Wno-error=c++11-narrowing",
                                     "-Wno-error=register",
                                     "-Qunused-arguments"};
      if (!HasRes && !Res.empty())
        Extra.push_back("-resource-dir=" + Res);
      A.insert(A.begin() + 1, Extra.begin(), Extra.end());
    }
    return A;
  });
  std::string Diags;
  llvm::raw_string_ostream DOS(Diags);
  auto Opts = llvm::makeIntrusiveRefCnt<DiagnosticOptions>();
  Opts->ShowColors = false;
  TextDiagnosticPrinter Printer(DOS, Opts.get());
  Tool.setDiagnosticConsumer(&Printer);
  Tool.setPrintErrorMessage(false);
  int Rc;
  if (Keep && !cxxCommand(Job) && residentBytes() < KeepBudget) {
    // parsed into an ASTUnit, which the cross-TU pass can extract from again
    std::vector<std::unique_ptr<ASTUnit>> ASTs;
    Rc = Tool.buildASTs(ASTs);
    if (Rc == 0 && ASTs.size() == 1 && !ASTs[0]->getDiagnostics().hasErrorOccurred()) {
      extractFacts(ASTs[0]->getASTContext(), Cfg, External, Out.facts, Job.directory);
      collectDeps(ASTs[0]->getSourceManager(), Out);
      Keep->reset(new ParsedTU{std::move(ASTs[0]), Job.file, Job.directory});
    } else if (Rc == 0) {
      Rc = 1;
    }
  } else {
    Factory F(Cfg, External, Out, Job.directory, cxxCommand(Job));
    Rc = Tool.run(&F);
  }
  DOS.flush();
  // Included files are named as the compiler found them (`./x.h` for -I.): anchor them at
  // the command's directory, so the cache can check them from any working directory.
  for (auto &D : Out.deps)
    if (!llvm::sys::path::is_absolute(D.path)) {
      llvm::SmallString<256> P(Job.directory);
      llvm::sys::path::append(P, D.path);
      llvm::sys::path::remove_dots(P, true);
      D.path = std::string(P);
    }
  Out.ok = Rc == 0 && Printer.getNumErrors() == 0;
  if (!Out.ok && Keep)
    Keep->reset();
  if (!Out.ok) {
    Out.facts = TUFacts{};
    Out.facts.file = Job.file;
    Out.facts.failed = true;
    Out.failure = "it does not compile";
    Out.diagnostics = Diags;
  }
}

bool extractFromCode(const std::string &Code, const std::string &FileName, const std::vector<std::string> &Args,
                     const Config &Cfg, TUFacts &Out) {
  TUResult R;
  std::vector<std::string> A = Args;
  A.push_back("-resource-dir=" + resourceDir());
  A.push_back("-w");
  llvm::StringRef Ext = llvm::sys::path::extension(FileName);
  bool Cxx = Ext != ".c" && Ext != ".h";
  static const std::string NoDir;  // names as given (code in memory has no directory)
  bool Ok = tooling::runToolOnCodeWithArgs(std::make_unique<Action>(Cfg, nullptr, R, NoDir, Cxx), Code, A, FileName);
  Out = std::move(R.facts);
  Out.file = FileName;
  return Ok;
}

}  // namespace lockgraph
