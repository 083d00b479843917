#include "Programs.h"

#include "FileIO.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <set>

namespace lockgraph {

// ---- inferred programs ---------------------------------------------------------------

namespace {

// Is site file `SiteFile` the TU's main file? Sites carry the name the compile command gave
// the file: `mksquashfs.c`, relative to the command's directory, in a database `bear -- make`
// writes for a plain Makefile, where the TU's file is absolute.
bool inMainFile(const std::string &SiteFile, const TUFacts &T) {
  if (SiteFile == T.file)
    return true;
  if (SiteFile.empty() || llvm::sys::path::is_absolute(SiteFile))
    return false;
  llvm::StringRef Rel = SiteFile;
  while (Rel.consume_front("../") || Rel.consume_front("./")) {
  }
  return !Rel.empty() && llvm::StringRef(T.file).ends_with("/" + Rel.str());
}

bool definesMain(const TUFacts &T) {
  for (const auto &F : T.functions)
    if (F.name == "main" && inMainFile(F.site.file, T))
      return true;
  return false;
}

struct State {
  std::set<size_t> members;
  std::vector<size_t> order;               // members in the order they joined
  size_t next = 0;                         // order[next...] have not had their needs resolved
  std::map<std::string, size_t> fileTU;    // file -> the member of that file (one variant each)
  std::set<std::string> defined;           // function ids defined by members, or unresolvable
  std::set<std::string> own;               // function ids members define in their main file
  bool clash = false;                      // two members define one function: no link makes this
};

using DefineSet = std::vector<std::string>;  // sorted

// What a program wants of a file built more than once: the build nearest to these defines,
// then the same compile-command variant (the n-th command of each file), then the first.
struct Want {
  DefineSet defines;
  unsigned variant = 0;
};

// How far apart two commands' defines are: the macros one sets and the other does not.
size_t defineDistance(const DefineSet &A, const DefineSet &B) {
  std::vector<std::string> D;
  std::set_symmetric_difference(A.begin(), A.end(), B.begin(), B.end(), std::back_inserter(D));
  return D.size();
}

class Grouper {
public:
  Grouper(const std::vector<TUFacts> &T, const std::vector<DefineSet> &D) : TUs(T), Defs(D) {}

  std::vector<ProgramGroup> run(const std::vector<size_t> &Which) {
    for (size_t I : Which) {
      const TUFacts &T = TUs[I];
      ByFile[T.file].push_back(I);
      if (definesMain(T)) {
        Mains.insert(I);
        continue;
      }
      for (const auto &F : T.functions)
        if (!F.id.empty() && inMainFile(F.site.file, T))
          Providers[F.id].push_back(I);
      for (const auto &V : T.globalsDefined)
        Providers[V].push_back(I);
    }
    std::vector<ProgramGroup> Out;
    std::set<size_t> Covered;
    auto Emit = [&](const std::string &Name, std::vector<State> &States) {
      for (auto &S : States) {
        ProgramGroup G{Name, std::vector<size_t>(S.members.begin(), S.members.end())};
        Covered.insert(G.tus.begin(), G.tus.end());
        Out.push_back(std::move(G));
      }
    };
    for (size_t M : Mains) {
      State S;
      add(S, M);
      std::vector<State> Done;
      int Budget = 16;
      grow(std::move(S), Want{definesOf(M), TUs[M].variant}, Budget, Done);
      dropClashes(Done);
      std::string Name = llvm::sys::path::filename(TUs[M].file).str();
      if (ByFile[TUs[M].file].size() > 1)
        Name += " (compile command " + std::to_string(TUs[M].variant + 1) + ")";
      Emit(Name, Done);
    }
    // the TUs no program pulled in: one library program per build (defines and variant) of
    // the files built more than once (each such file in its build nearest to that, each file
    // built once in the programs whose defines are nearest to its own), else one
    std::vector<size_t> Left;
    std::vector<Want> Sets;
    for (size_t I : Which)
      if (!Covered.count(I) && !Mains.count(I)) {
        Left.push_back(I);
        Want W{definesOf(I), TUs[I].variant};
        if (ByFile[TUs[I].file].size() > 1 &&
            std::none_of(Sets.begin(), Sets.end(), [&](const Want &X) {
              return X.defines == W.defines && X.variant == W.variant;
            }))
          Sets.push_back(W);
      }
    if (Sets.empty())
      Sets.emplace_back();
    for (const auto &W : Sets) {
      if (Left.empty())
        break;
      State S;
      for (size_t I : Left) {
        if (S.fileTU.count(TUs[I].file))
          continue;
        // a file built once goes with the builds whose defines are nearest to its own
        // (lib/connect.c of the client library not with the broker's lib/*.c)
        if (ByFile[TUs[I].file].size() == 1 && Sets.size() > 1) {
          size_t D = defineDistance(definesOf(I), W.defines), Best = SIZE_MAX;
          for (const auto &X : Sets)
            Best = std::min(Best, defineDistance(definesOf(I), X.defines));
          if (D > Best)
            continue;
        }
        add(S, pick(TUs[I].file, W, Left));
      }
      std::vector<State> Done;
      int Budget = 16;
      grow(std::move(S), W, Budget, Done);
      dropClashes(Done);
      Emit("library", Done);
    }
    // the same set of TUs reached twice (two roots, or forks that came together) is one program
    std::set<std::vector<size_t>> Seen;
    std::vector<ProgramGroup> Uniq;
    for (auto &G : Out)
      if (Seen.insert(G.tus).second)
        Uniq.push_back(std::move(G));
    return Uniq;
  }

private:
  const std::vector<TUFacts> &TUs;
  const std::vector<DefineSet> &Defs;
  std::map<std::string, std::vector<size_t>> ByFile;     // file -> its TUs (variants), ascending
  // function id (or a variable's USR) -> non-main TUs defining it
  std::map<std::string, std::vector<size_t>> Providers;
  std::set<size_t> Mains;

  bool oneDefiningFile(const std::string &V) const {
    auto It = Providers.find(V);
    if (It == Providers.end())
      return false;
    for (size_t I : It->second)
      if (TUs[I].file != TUs[It->second.front()].file)
        return false;
    return true;
  }

  const DefineSet &definesOf(size_t I) const {
    static const DefineSet None;
    return I < Defs.size() ? Defs[I] : None;
  }

  // The TU of `File` among `Among`'s built with the defines nearest to `W`'s (the fewest
  // macros set in one and not the other; then `W`'s variant; then the first in the
  // database), else the file's first. Without link information this is what tells a file built into two
  // programs apart (mosquitto's lib/*.c, built again with -DWITH_BROKER into the broker).
  size_t pick(const std::string &File, const Want &W, const std::vector<size_t> &Among) const {
    const auto &Vs = ByFile.at(File);
    size_t Best = Vs.front();
    std::pair<size_t, bool> BestScore{SIZE_MAX, true};
    for (size_t I : Vs)
      if (std::find(Among.begin(), Among.end(), I) != Among.end()) {
        std::pair<size_t, bool> Score{defineDistance(definesOf(I), W.defines), TUs[I].variant != W.variant};
        if (Score < BestScore) {
          Best = I;
          BestScore = Score;
        }
      }
    return Best;
  }

  void add(State &S, size_t I) const {
    if (!S.members.insert(I).second)
      return;
    S.order.push_back(I);
    S.fileTU[TUs[I].file] = I;
    S.defined.insert(TUs[I].globalsDefined.begin(), TUs[I].globalsDefined.end());
    for (const auto &F : TUs[I].functions) {
      S.defined.insert(F.id);
      if (!F.id.empty() && inMainFile(F.site.file, TUs[I]))
        S.clash = !S.own.insert(F.id).second || S.clash;
    }
  }

  // A fork whose members define one external function twice cannot be linked (a duplicate
  // symbol): unsquashfs.c defines its own queue_get(), so the fork that took mksquashfs'
  // info.c for init_info() and then needed caches-queues-lists.c (queue_get() again) for it is
  // no program, when another fork (unsquashfs_info.c) links cleanly. When every fork clashes
  // the program is kept as grown (something the facts do not show resolves it).
  static void dropClashes(std::vector<State> &Done) {
    if (std::any_of(Done.begin(), Done.end(), [](const State &S) { return !S.clash; }))
      Done.erase(std::remove_if(Done.begin(), Done.end(), [](const State &S) { return S.clash; }), Done.end());
  }

  // Resolves the needs of every member; forks on alternative definitions.
  void grow(State S, const Want &W, int &Budget, std::vector<State> &Done) const {
    while (S.next < S.order.size()) {
      const TUFacts &T = TUs[S.order[S.next++]];
      std::vector<const std::string *> Needs;
      for (const auto &F : T.functions) {
        for (const auto &C : F.calls)
          Needs.push_back(&C.callee);
        for (const auto &Sp : F.spawns)
          Needs.push_back(&Sp.entry);
      }
      // variables (USRs, "c:@name", never a function's) defined by one file only: a name every
      // daemon of a tree defines for itself (frr's `zclient`, `_frrmod_this_module`) says
      // nothing about which of them is linked
      for (const auto &V : T.globalsUsed)
        if (oneDefiningFile(V))
          Needs.push_back(&V);
      for (const std::string *X : Needs) {
        if (S.defined.count(*X))
          continue;
        auto It = Providers.find(*X);
        std::vector<size_t> Options;  // one TU per file that can provide X
        if (It != Providers.end()) {
          std::vector<std::string> Files;
          for (size_t I : It->second)
            if (std::find(Files.begin(), Files.end(), TUs[I].file) == Files.end())
              Files.push_back(TUs[I].file);
          for (const auto &File : Files) {
            if (S.fileTU.count(File))
              continue;  // another variant of this file is in already (and does not define X)
            Options.push_back(pick(File, W, It->second));
          }
        }
        if (Options.empty()) {
          S.defined.insert(*X);  // defined nowhere we know (a system library)
          continue;
        }
        // of other files defining X, those built with the defines nearest to the program's
        // (the client's handle__auth() is lib/handle_auth.c's, not the broker's src/handle_auth.c)
        if (Options.size() > 1) {
          size_t Best = SIZE_MAX;
          for (size_t O : Options)
            Best = std::min(Best, defineDistance(definesOf(O), W.defines));
          Options.erase(std::remove_if(Options.begin(), Options.end(),
                                       [&](size_t O) { return defineDistance(definesOf(O), W.defines) > Best; }),
                        Options.end());
        }
        if (Options.size() == 1 || Budget <= 0) {
          for (size_t O : Options)
            add(S, O);
          continue;
        }
        Budget -= static_cast<int>(Options.size()) - 1;
        for (size_t O : Options) {
          State Fork = S;
          --Fork.next;  // the rest of this member's needs
          add(Fork, O);
          grow(std::move(Fork), W, Budget, Done);
        }
        return;
      }
    }
    Done.push_back(std::move(S));
  }
};

}  // namespace

std::vector<std::string> compileDefines(const std::vector<std::string> &Command) {
  std::vector<std::string> Out;
  for (size_t I = 1; I < Command.size(); ++I) {
    llvm::StringRef A = Command[I];
    if ((A == "-D" || A == "-U") && I + 1 < Command.size()) {
      Out.push_back(A.str() + Command[++I]);
    } else if ((A == "-include" || A == "--include") && I + 1 < Command.size()) {
      Out.push_back("-include " + Command[++I]);
    } else if (A.starts_with("-D") || A.starts_with("-U")) {
      Out.push_back(A.str());
    } else if (A.starts_with("--include=")) {
      Out.push_back("-include " + A.drop_front(10).str());
    }
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

std::vector<ProgramGroup> groupPrograms(const std::vector<TUFacts> &TUs, const std::vector<std::vector<std::string>> &Defines) {
  std::map<std::string, std::vector<size_t>> Linked;
  std::vector<size_t> Rest;
  for (size_t I = 0; I < TUs.size(); ++I) {
    if (TUs[I].failed)
      continue;
    if (TUs[I].programs.empty())
      Rest.push_back(I);
    for (const auto &P : TUs[I].programs)
      Linked[P].push_back(I);
  }
  std::vector<ProgramGroup> Out;
  for (auto &[Name, Tus] : Linked)
    Out.push_back({Name, std::move(Tus)});
  if (!Rest.empty())
    for (auto &G : Grouper(TUs, Defines).run(Rest))
      Out.push_back(std::move(G));
  return Out;
}

// ---- CMake's file API ---------------------------------------------------------------

namespace {

bool readJson(const std::string &Path, llvm::json::Value &V, std::string &Err) {
  std::string Text;
  if (!readInputFile(Path, ReadLimits{64u << 20, true, true}, Text, Err)) {
    Err = "cannot read '" + Path + "': " + Err;
    return false;
  }
  if (!parseJsonText(Text, V, Err)) {
    Err = Path + ": " + Err;
    return false;
  }
  return true;
}

std::string normal(llvm::StringRef Base, llvm::StringRef P) {
  llvm::SmallString<256> S;
  if (llvm::sys::path::is_absolute(P))
    S = P;
  else {
    S = Base;
    llvm::sys::path::append(S, P);
  }
  llvm::sys::path::remove_dots(S, true);
  return std::string(S);
}

struct Target {
  std::string name, type, objectDir;
  std::vector<std::string> sources, deps;
};

}  // namespace

bool readCMakeLinkInfo(const std::string &BuildDir, LinkInfo &Out, std::string &Err) {
  Out = LinkInfo{};
  Err.clear();
  std::string Reply = BuildDir + "/.cmake/api/v1/reply";
  std::error_code EC;
  std::string Index;
  for (llvm::sys::fs::directory_iterator It(Reply, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.starts_with("index-") && Name.ends_with(".json") && It->path() > Index)
      Index = It->path();
  }
  if (Index.empty())
    return false;
  auto Bad = [&](const std::string &What) {
    Err = "CMake file API reply " + Reply + ": " + (Err.empty() ? What : Err);
    return false;
  };
  llvm::json::Value IV(nullptr), CV(nullptr);
  if (!readJson(Index, IV, Err))
    return Bad("");
  std::string CodemodelFile;
  if (const auto *O = IV.getAsObject())
    if (const auto *Objs = O->getArray("objects"))
      for (const auto &E : *Objs)
        if (const auto *X = E.getAsObject())
          if (X->getString("kind") == "codemodel" && X->getObject("version") &&
              X->getObject("version")->getInteger("major") == 2 && X->getString("jsonFile"))
            CodemodelFile = X->getString("jsonFile")->str();
  if (CodemodelFile.empty())
    return Bad("no codemodel-v2 object in " + Index);
  if (!readJson(Reply + "/" + CodemodelFile, CV, Err))
    return Bad("");
  const auto *CM = CV.getAsObject();
  const auto *Paths = CM ? CM->getObject("paths") : nullptr;
  const auto *Configs = CM ? CM->getArray("configurations") : nullptr;
  if (!Paths || !Paths->getString("source") || !Paths->getString("build") || !Configs || Configs->empty() ||
      !(*Configs)[0].getAsObject() || !(*Configs)[0].getAsObject()->getArray("targets"))
    return Bad(CodemodelFile + ": not a codemodel-v2 object");
  std::string Src = Paths->getString("source")->str(), Bld = Paths->getString("build")->str();
  std::map<std::string, Target> Targets;  // by id
  for (const auto &TV : *(*Configs)[0].getAsObject()->getArray("targets")) {
    const auto *TO = TV.getAsObject();
    if (!TO || !TO->getString("id") || !TO->getString("jsonFile"))
      return Bad(CodemodelFile + ": a target without id or jsonFile");
    llvm::json::Value V(nullptr);
    if (!readJson(Reply + "/" + TO->getString("jsonFile")->str(), V, Err))
      return Bad("");
    const auto *O = V.getAsObject();
    if (!O || !O->getString("name") || !O->getString("type"))
      return Bad(TO->getString("jsonFile")->str() + ": not a target object");
    Target T;
    T.name = O->getString("name")->str();
    T.type = O->getString("type")->str();
    std::string Sub = ".";
    if (const auto *P = O->getObject("paths"))
      if (auto B = P->getString("build"))
        Sub = B->str();
    T.objectDir = normal(normal(Bld, Sub), "CMakeFiles/" + T.name + ".dir") + "/";
    if (const auto *S = O->getArray("sources"))
      for (const auto &E : *S)
        if (const auto *SO = E.getAsObject(); SO && SO->get("compileGroupIndex") && SO->getString("path"))
          T.sources.push_back(normal(Src, *SO->getString("path")));
    if (const auto *D = O->getArray("dependencies"))
      for (const auto &E : *D)
        if (const auto *DO = E.getAsObject(); DO && DO->getString("id"))
          T.deps.push_back(DO->getString("id")->str());
    Targets[TO->getString("id")->str()] = std::move(T);
  }
  auto IsLib = [](const std::string &Type) {
    return Type == "STATIC_LIBRARY" || Type == "SHARED_LIBRARY" || Type == "OBJECT_LIBRARY";
  };
  // program name -> the targets whose objects it links
  std::map<std::string, std::set<std::string>> Links;
  std::set<std::string> LinkedSomewhere;
  auto Closure = [&](const std::string &Root) {
    std::set<std::string> Seen{Root};
    std::vector<std::string> Work{Root};
    while (!Work.empty()) {
      std::string Id = Work.back();
      Work.pop_back();
      for (const auto &D : Targets[Id].deps)
        if (Targets.count(D) && IsLib(Targets[D].type) && Seen.insert(D).second)
          Work.push_back(D);
    }
    return Seen;
  };
  for (const auto &[Id, T] : Targets)
    if (T.type == "EXECUTABLE") {
      Links[T.name] = Closure(Id);
      LinkedSomewhere.insert(Links[T.name].begin(), Links[T.name].end());
    }
  for (const auto &[Id, T] : Targets)
    if (IsLib(T.type) && !LinkedSomewhere.count(Id) && !Links.count(T.name))
      Links[T.name] = Closure(Id);
  std::map<std::string, std::vector<std::string>> ByTarget;  // target id -> programs
  for (const auto &[Prog, Ids] : Links)
    for (const auto &Id : Ids)
      ByTarget[Id].push_back(Prog);
  for (const auto &[Id, T] : Targets) {
    auto It = ByTarget.find(Id);
    if (It == ByTarget.end())
      continue;
    Out.ObjectDirs.push_back({T.objectDir, It->second});
    for (const auto &S : T.sources) {
      auto &P = Out.Sources[S];
      for (const auto &Prog : It->second)
        if (std::find(P.begin(), P.end(), Prog) == P.end())
          P.push_back(Prog);
    }
  }
  Out.NumPrograms = Links.size();
  return true;
}

std::vector<std::string> LinkInfo::programsOf(const std::string &File, const std::string &Output) const {
  if (!Output.empty())
    for (const auto &[Dir, Progs] : ObjectDirs)
      if (llvm::StringRef(Output).starts_with(Dir))
        return Progs;
  auto It = Sources.find(File);
  return It == Sources.end() ? std::vector<std::string>{} : It->second;
}

}  // namespace lockgraph
