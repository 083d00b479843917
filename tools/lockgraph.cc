// lockgraph: the command-line entry point.
//   lockgraph run [options] [--] PROGRAM [ARGS...]   run a program under the runtime hook
//   lockgraph analyze [ANALYZER ARGS...]             the static analyzer (lockgraph-analyze)
// Exit codes of `run` are documented in docs/runtime-hook.md; they mean one thing each.
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <algorithm>
#include <vector>

#include "confirm.h"
#include "json_value.h"
#include "report.h"

namespace {

constexpr int kExitInternal = 125;     // lockgraph itself failed
constexpr int kExitCannotHook = 126;   // static binary, setuid
constexpr int kExitNotFound = 127;

std::string SelfDir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return ".";
  buf[n] = 0;
  std::string s(buf);
  return s.substr(0, s.rfind('/'));
}

bool IsExecutableFile(const std::string &p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(p.c_str(), X_OK) == 0;
}

std::string FindInPath(const std::string &prog) {
  if (prog.find('/') != std::string::npos) return prog;
  const char *path = getenv("PATH");
  std::stringstream ss(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    std::string cand = (dir.empty() ? "." : dir) + "/" + prog;
    if (IsExecutableFile(cand)) return cand;
  }
  return "";
}

std::string FindHook() {
  if (const char *e = getenv("LOCKGRAPH_HOOK")) return e;
  std::string dir = SelfDir();
  for (const char *rel : {"/../lib/liblockgraph-hook.so", "/liblockgraph-hook.so",
                          "/../runtime-hook/liblockgraph-hook.so"}) {
    std::string p = dir + rel;
    if (access(p.c_str(), R_OK) == 0) {
      char real[PATH_MAX];
      return realpath(p.c_str(), real) ? std::string(real) : p;
    }
  }
  return "";
}

std::string FindSymbolizer() {
  for (const char *name : {"llvm-symbolizer", "llvm-symbolizer-19"}) {
    std::string p = FindInPath(name);
    if (!p.empty() && IsExecutableFile(p)) return p;
  }
  for (int v = 20; v >= 14; --v) {
    std::string p = "/usr/lib/llvm-" + std::to_string(v) + "/bin/llvm-symbolizer";
    if (IsExecutableFile(p)) return p;
  }
  return "";
}

// Why preloading cannot work on this file, or "" if it can. Scripts are fine (their
// interpreter is what runs).
std::string CannotPreload(const std::string &path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return "";
  if (st.st_mode & (S_ISUID | S_ISGID))
    return "it is setuid/setgid: the dynamic loader ignores LD_PRELOAD for such programs";
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  Elf64_Ehdr eh;
  std::string why;
  if (read(fd, &eh, sizeof(eh)) == static_cast<ssize_t>(sizeof(eh)) &&
      memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64) {
    bool interp = false, dynamic = false;
    for (int i = 0; i < eh.e_phnum; ++i) {
      Elf64_Phdr ph;
      if (pread(fd, &ph, sizeof(ph), static_cast<off_t>(eh.e_phoff + i * eh.e_phentsize)) !=
          static_cast<ssize_t>(sizeof(ph)))
        break;
      interp |= ph.p_type == PT_INTERP;
      dynamic |= ph.p_type == PT_DYNAMIC;
    }
    if (!interp && eh.e_type == ET_EXEC)
      why = "it is statically linked: there is no dynamic loader to preload the hook";
    else if (!interp && !dynamic)
      why = "it is statically linked (static-pie): there is no dynamic loader to preload the hook";
  }
  close(fd);
  return why;
}

void Usage(std::ostream &os) {
  os << "usage: lockgraph run [--json FILE] [--baseline FILE] [--suppressions FILE]\n"
        "                     [--options K=V:K=V] [--confirm FINGERPRINT|all [--confirm-from LOG]\n"
        "                     [--confirm-runs N]] [--] PROGRAM [ARGS...]\n"
        "       lockgraph report [--format=text|json|sarif] [-o FILE] LOG.jsonl...\n"
        "       lockgraph analyze [-p BUILD_DIR] [FILES...] [analyzer options]\n"
        "       lockgraph --help | --version\n\n"
        "run: runs PROGRAM (and every process it starts) with the runtime hook preloaded; lock-order\n"
        "     cycles and misuse are reported on stderr as they happen; an actual deadlock ends the\n"
        "     program (status 67) instead of hanging. Hook options: LOCKGRAPH_OPTIONS=help=1.\n"
        "  --json FILE     also write every finding, one JSON object per line, to FILE\n"
        "  --sarif FILE    also write the findings, merged by fingerprint, as SARIF 2.1.0\n"
        "  --baseline FILE do not report findings whose fingerprint is in FILE (the --json output\n"
        "                  of an earlier run, or fingerprints one per line)\n"
        "  --suppressions FILE  suppressions, one per line: <finding-id or *>:<pattern>\n"
        "  --options OPTS  hook options, added to $LOCKGRAPH_OPTIONS\n"
        "  --confirm FINGERPRINT|all  re-run PROGRAM steering its threads at the sites of that\n"
        "                  lock-order inversion (all: of every one) until it deadlocks for real\n"
        "                  (confirmed) or N runs pass (not reproduced); the inversions come from a\n"
        "                  first ordinary run, or from --confirm-from LOG (an earlier --json file)\n"
        "  --confirm-runs N  steered runs per inversion (default 3)\n"
        "exit status: the program's own when nothing was found; 66 findings reported; 67 actual\n"
        "deadlock ended the program (with --confirm: an inversion was confirmed); 125 lockgraph failed; 126 PROGRAM cannot be preloaded (static or\n"
        "setuid); 127 PROGRAM not found.\n";
}

pid_t g_child = 0;
void Forward(int sig) {
  if (g_child > 0) kill(g_child, sig);
}

// Runs the program once with the hook and `opts`, then gathers the JSON records its processes
// wrote into `dir` (records of a process killed while writing may be cut short: they are dropped
// with a note rather than passed on broken). Returns false when the program could not start.
bool Launch(const std::string &path, const std::vector<std::string> &prog, const std::string &opts,
            const std::string &dir, lockgraph::LaunchResult *out) {
  setenv("LOCKGRAPH_OPTIONS", opts.c_str(), 1);
  std::vector<char *> argv;
  for (auto &s : prog) argv.push_back(const_cast<char *>(s.c_str()));
  argv.push_back(nullptr);
  g_child = fork();
  if (g_child < 0) {
    std::perror("lockgraph: fork");
    return false;
  }
  if (g_child == 0) {
    execv(path.c_str(), argv.data());
    std::perror(("lockgraph: exec " + path).c_str());
    _exit(kExitNotFound);
  }
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) signal(sig, Forward);
  int status = 0;
  while (waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
  }
  out->code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  out->records.clear();
  if (dir.empty()) return true;
  if (DIR *d = opendir(dir.c_str())) {
    std::vector<std::string> files;
    while (dirent *e = readdir(d))
      if (e->d_name[0] != '.') files.push_back(dir + "/" + e->d_name);
    closedir(d);
    std::sort(files.begin(), files.end());
    for (const auto &f : files) {
      std::ifstream in(f);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        lockgraph::JsonValue v;
        std::string why;
        if (!lockgraph::ParseJson(line, v, why)) {
          std::cerr << "lockgraph: dropped a truncated record of " << f.substr(dir.size() + 1) << " (" << why << ")\n";
          continue;
        }
        out->records.push_back(line);
      }
      unlink(f.c_str());
    }
  }
  return true;
}

int Run(std::vector<std::string> args) {
  std::string json_out, sarif_out, options, baseline, suppressions;
  lockgraph::ConfirmRequest confirm;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--json" && i + 1 < args.size()) {
      json_out = args[++i];
    } else if (a == "--sarif" && i + 1 < args.size()) {
      sarif_out = args[++i];
    } else if (a == "--options" && i + 1 < args.size()) {
      options = args[++i];
    } else if (a == "--confirm" && i + 1 < args.size()) {
      confirm.target = args[++i];
      if (!lockgraph::ValidConfirmTarget(confirm.target)) {
        std::cerr << "lockgraph: --confirm takes a finding's fingerprint (16 hex digits, from --json) or 'all', not '"
                  << confirm.target << "'\n";
        return kExitInternal;
      }
    } else if (a == "--confirm-from" && i + 1 < args.size()) {
      confirm.from = args[++i];
    } else if (a == "--confirm-runs" && i + 1 < args.size()) {
      char *end = nullptr;
      long n = std::strtol(args[++i].c_str(), &end, 10);
      if (*end != 0 || n < 1 || n > 1000) {
        std::cerr << "lockgraph: --confirm-runs takes a number of runs from 1 to 1000, not '" << args[i] << "'\n";
        return kExitInternal;
      }
      confirm.runs = static_cast<int>(n);
    } else if ((a == "--baseline" || a == "--suppressions") && i + 1 < args.size()) {
      // Absolute, since the program may change directory; checked here, where a bad path is
      // a usage error rather than a note lost in the program's output.
      std::string file = args[++i];
      char *abs = realpath(file.c_str(), nullptr);
      if (abs == nullptr || access(abs, R_OK) != 0) {
        std::cerr << "lockgraph: cannot read " << a.substr(2) << " file '" << file << "': "
                  << std::strerror(errno) << "\n";
        free(abs);
        return kExitInternal;
      }
      (a == "--baseline" ? baseline : suppressions) = abs;
      free(abs);
    } else if (a == "-h" || a == "--help") {
      Usage(std::cout);
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "lockgraph: unknown option '" << a << "'\n";
      Usage(std::cerr);
      return kExitInternal;
    } else {
      break;
    }
  }
  if (confirm.target.empty() && (!confirm.from.empty() || confirm.runs != 3)) {
    std::cerr << "lockgraph: --confirm-from and --confirm-runs go with --confirm\n";
    return kExitInternal;
  }
  if (i >= args.size()) {
    std::cerr << "lockgraph: run: no program given\n";
    Usage(std::cerr);
    return kExitInternal;
  }
  std::vector<std::string> prog(args.begin() + static_cast<long>(i), args.end());
  std::string path = FindInPath(prog[0]);
  if (path.empty() || access(path.c_str(), F_OK) != 0) {
    std::cerr << "lockgraph: " << prog[0] << ": not found\n";
    return kExitNotFound;
  }
  if (!IsExecutableFile(path)) {
    std::cerr << "lockgraph: " << path << ": not an executable file\n";
    return kExitNotFound;
  }
  std::string why = CannotPreload(path);
  if (!why.empty()) {
    std::cerr << "lockgraph: cannot check " << path << ": " << why
              << ".\n  Rebuild it dynamically linked (without -static), or run it without lockgraph.\n";
    return kExitCannotHook;
  }
  std::string hook = FindHook();
  if (hook.empty()) {
    std::cerr << "lockgraph: cannot find liblockgraph-hook.so next to " << SelfDir()
              << " (set LOCKGRAPH_HOOK=/path/to/liblockgraph-hook.so)\n";
    return kExitInternal;
  }
  char tmpl[] = "/tmp/lockgraph.XXXXXX";
  std::string tmp;
  if (!json_out.empty() || !sarif_out.empty() || !confirm.target.empty()) {
    if (!mkdtemp(tmpl)) {
      std::perror("lockgraph: mkdtemp");
      return kExitInternal;
    }
    tmp = tmpl;
  }
  std::string preload = hook;
  if (const char *old = getenv("LD_PRELOAD"); old && *old) preload += std::string(":") + old;
  std::string opts;
  if (const char *old = getenv("LOCKGRAPH_OPTIONS"); old && *old) opts = old;
  auto add = [&opts](const std::string &kv) {
    if (kv.empty()) return;
    if (!opts.empty()) opts += ":";
    opts += kv;
  };
  add(options);
  if (!baseline.empty()) add("baseline=" + baseline);
  if (!suppressions.empty()) add("suppressions=" + suppressions);
  if (!tmp.empty()) add("json_path=" + tmp + "/report");
  if (opts.find("external_symbolizer_path=") == std::string::npos) {
    std::string sym = FindSymbolizer();
    if (!sym.empty()) add("external_symbolizer_path=" + sym);
  }
  setenv("LD_PRELOAD", preload.c_str(), 1);
  lockgraph::LaunchResult result;
  int code;
  if (!confirm.target.empty()) {
    auto launch = [&](const std::string &extra, lockgraph::LaunchResult *out) {
      std::string o = opts;
      if (!extra.empty()) o += (o.empty() ? "" : ":") + extra;
      return Launch(path, prog, o, tmp, out);
    };
    code = lockgraph::Confirm(confirm, launch, &result.records, std::cerr);
  } else {
    if (!Launch(path, prog, opts, tmp, &result)) {
      if (!tmp.empty()) rmdir(tmp.c_str());
      return kExitInternal;
    }
    code = result.code;
  }

  if (!tmp.empty()) {
    rmdir(tmp.c_str());
    lockgraph::ReportInput all;
    all.name = "findings";
    all.lines = result.records;
    if (!json_out.empty()) {
      std::ofstream out(json_out, std::ios::trunc);
      for (const auto &line : all.lines) out << line << "\n";
      if (!out) {
        std::cerr << "lockgraph: cannot write " << json_out << "\n";
        code = code == 0 ? kExitInternal : code;
      }
    }
    if (!sarif_out.empty()) {
      lockgraph::ReportOptions ro;
      ro.format = "sarif";
      ro.output = sarif_out;
      char cwd[PATH_MAX];
      if (getcwd(cwd, sizeof(cwd))) ro.source_root = cwd;
      if (lockgraph::WriteReport({all}, ro, std::cerr) == lockgraph::kReportBadInput)
        code = code == 0 ? kExitInternal : code;
    }
  }
  return code;
}

}  // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    Usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? kExitInternal : 0;
  }
  if (args[0] == "--version") {
    std::cout << "lockgraph " LOCKGRAPH_VERSION "\n";
    return 0;
  }
  if (args[0] == "run") return Run(std::vector<std::string>(args.begin() + 1, args.end()));
  if (args[0] == "report") return lockgraph::ReportMain(std::vector<std::string>(args.begin() + 1, args.end()));
  if (args[0] == "analyze") {
    std::string an = SelfDir() + "/lockgraph-analyze";
    argv[1] = const_cast<char *>("lockgraph-analyze");
    execv(an.c_str(), argv + 1);
    std::cerr << "lockgraph: cannot run " << an << ": " << std::strerror(errno)
              << " (was the analyzer built? it needs Clang 19)\n";
    return kExitInternal;
  }
  std::cerr << "lockgraph: unknown command '" << args[0] << "'\n";
  Usage(std::cerr);
  return kExitInternal;
}
