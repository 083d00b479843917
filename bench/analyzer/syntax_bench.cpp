// lockgraph-syntax-bench: the in-process baseline of the analyzer benchmark
// (bench/analyzer/run.sh). Parses every distinct compile command of a compile database
// with clang's SyntaxOnlyAction, N TUs at a time in one process, with the command-line
// adjustments the analyzer makes (resource directory, -w, -Wno-error,
// -Qunused-arguments) and one physical file system per TU, as analyzer/Tooling.cpp
// does: the front end's cost without the analyzer's extraction, cache and analysis.
// Built only on request: ninja -C build lockgraph-syntax-bench.
//
// usage: lockgraph-syntax-bench -p BUILD_DIR [-j N]
// Exit status: 0 when every TU parsed, 1 when some did not, 2 on bad usage.
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <set>

using namespace llvm;
using namespace clang;

static cl::opt<std::string> BuildPath("p", cl::desc("Build directory holding compile_commands.json"), cl::Required);
static cl::opt<unsigned> Jobs("j", cl::desc("TUs parsed in parallel (default: all cores)"), cl::init(0));

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  if (!cl::ParseCommandLineOptions(argc, argv, "in-process -fsyntax-only over a compile database\n", &errs()))
    return 2;
  std::string Err;
  auto Db = tooling::JSONCompilationDatabase::loadFromFile(BuildPath + "/compile_commands.json", Err,
                                                           tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db) {
    errs() << "lockgraph-syntax-bench: " << Err << "\n";
    return 2;
  }
  std::vector<tooling::CompileCommand> Cmds;
  std::set<std::pair<std::string, std::vector<std::string>>> Seen;
  for (auto &C : Db->getAllCompileCommands())
    if (!(C.CommandLine.size() > 1 && C.CommandLine[1] == "-cc1") && Seen.insert({C.Filename, C.CommandLine}).second)
      Cmds.push_back(C);
  std::atomic<unsigned> Failed{0};
  {
    DefaultThreadPool Pool(hardware_concurrency(Jobs));
    for (const auto &C : Cmds)
      Pool.async([&, C] {
        struct OneDb : tooling::CompilationDatabase {
          tooling::CompileCommand Cmd;
          std::vector<tooling::CompileCommand> getCompileCommands(StringRef) const override { return {Cmd}; }
        } One;
        One.Cmd = C;
        IntrusiveRefCntPtr<vfs::FileSystem> FS(vfs::createPhysicalFileSystem().release());
        tooling::ClangTool Tool(One, {C.Filename}, std::make_shared<PCHContainerOperations>(), FS);
        Tool.appendArgumentsAdjuster([](const tooling::CommandLineArguments &Args, StringRef) {
          tooling::CommandLineArguments A = Args;
          if (!A.empty())
            A.insert(A.begin() + 1, {"-w", "-Wno-error", "-Qunused-arguments",
                                     "-resource-dir=" LOCKGRAPH_CLANG_RESOURCE_DIR});
          return A;
        });
        IgnoringDiagConsumer Quiet;
        Tool.setDiagnosticConsumer(&Quiet);
        Tool.setPrintErrorMessage(false);
        if (Tool.run(tooling::newFrontendActionFactory<SyntaxOnlyAction>().get()) != 0)
          ++Failed;
      });
    Pool.wait();
  }
  errs() << Cmds.size() << " TUs, " << Failed.load() << " failed\n";
  return Failed ? 1 : 0;
}
