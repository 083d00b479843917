// lockgraph: the command-line entry point.
//   lockgraph run [options] [--] PROGRAM [ARGS...]   run a program under the runtime hook
//   lockgraph report [options] INPUT...              merge findings into one report (report.cc)
//   lockgraph analyze [ANALYZER ARGS...]             the static analyzer (lockgraph-analyze)
// Each command's --help is its text in tools/help/ (also its man page). Exit codes of `run` are
// documented in docs/runtime-hook.md; they mean one thing each. The hook and the analyzer are
// found relative to this program, so an installed tree can be moved.
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <algorithm>
#include <vector>

#include "../common/suppressions.h"
#include "confirm.h"
#include "help_text.h"
#include "json_value.h"
#include "options_syntax.h"
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

std::string Existing(const std::string &p) {
  if (access(p.c_str(), R_OK) != 0) return "";
  char real[PATH_MAX];
  return realpath(p.c_str(), real) ? std::string(real) : p;
}

// The hook library: $LOCKGRAPH_HOOK, else where the install put it relative to this program
// (LOCKGRAPH_HOOK_RELPATH, e.g. ../lib/lockgraph/liblockgraph-hook.so), else the build tree's.
std::string FindHook() {
  if (const char *e = getenv("LOCKGRAPH_HOOK")) return e;
  std::string dir = SelfDir();
  for (const char *rel : {"/" LOCKGRAPH_HOOK_RELPATH, "/../lib/liblockgraph-hook.so", "/liblockgraph-hook.so"}) {
    std::string p = Existing(dir + rel);
    if (!p.empty()) return p;
  }
  return "";
}

// The analyzer: $LOCKGRAPH_ANALYZER, else lockgraph-analyze next to this program.
std::string FindAnalyzer() {
  if (const char *e = getenv("LOCKGRAPH_ANALYZER")) return e;
  return SelfDir() + "/lockgraph-analyze";
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

void Usage(std::ostream &os) { os << lockgraph::kHelpLockgraph; }

// --- the program's process --------------------------------------------------------------------
// Every signal a program may be sent reaches it through the launcher: the launcher stays alive to
// collect the findings, and forwards. A signal the terminal sends to the foreground job (Ctrl-C,
// Ctrl-\, a resize: si_code SI_KERNEL) reached the program too, as a member of the same process
// group, and is not sent again. Job control (TSTP, TTIN, TTOU), the launcher's own faults and
// SIGCHLD keep their default actions; SIGPIPE of the launcher's own writes is not forwarded.
pid_t g_child = 0;

void Forward(int sig, siginfo_t *info, void *) {
  if (g_child <= 0 || (info != nullptr && info->si_code == SI_KERNEL)) return;
  int saved = errno;
  kill(g_child, sig);
  errno = saved;
}

void IgnoreOwnPipe(int) {}

std::vector<int> ForwardedSignals() {
  std::vector<int> sigs = {SIGHUP,  SIGINT,  SIGQUIT, SIGTERM,   SIGUSR1, SIGUSR2, SIGALRM,
                           SIGWINCH, SIGCONT, SIGURG,  SIGVTALRM, SIGPROF, SIGIO,   SIGXCPU,
                           SIGXFSZ, SIGPWR};
  for (int s = SIGRTMIN; s <= SIGRTMAX; ++s) sigs.push_back(s);
  return sigs;
}

// Starts the program with forwarding in place (no signal is lost between fork and the handlers);
// returns its wait status, or -1 with errno when it could not be started.
int RunProgram(const std::string &path, std::vector<char *> &argv) {
  std::vector<int> sigs = ForwardedSignals();
  sigset_t block, old;
  sigemptyset(&block);
  for (int s : sigs) sigaddset(&block, s);
  sigprocmask(SIG_BLOCK, &block, &old);
  pid_t parent = getpid();
  g_child = fork();
  if (g_child < 0) {
    int e = errno;
    sigprocmask(SIG_SETMASK, &old, nullptr);
    errno = e;
    return -1;
  }
  if (g_child == 0) {
    // The program dies with the launcher rather than run on unwatched.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(kExitInternal);
    sigprocmask(SIG_SETMASK, &old, nullptr);
    execv(path.c_str(), argv.data());
    std::perror(("lockgraph: exec " + path).c_str());
    _exit(kExitNotFound);
  }
  struct sigaction sa = {};
  sa.sa_sigaction = Forward;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigfillset(&sa.sa_mask);
  for (int s : sigs) sigaction(s, &sa, nullptr);
  struct sigaction pipe_sa = {};
  pipe_sa.sa_handler = IgnoreOwnPipe;  // a handler, not SIG_IGN: an ignored signal would stay
  sigaction(SIGPIPE, &pipe_sa, nullptr);  // ignored in processes the launcher starts later
  sigprocmask(SIG_SETMASK, &old, nullptr);
  int status = 0;
  while (waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// The exit status the hook gives a process that reported findings (option exitcode), read from
// the options as the hook reads them.
int HookExitCode(const std::string &opts) {
  int code = 66;
  std::string text = opts;
  char *name, *value;
  bool bad_quote;
  for (char *p = &text[0]; (p = lockgraph_options::NextOption(p, &name, &value, &bad_quote)) != nullptr;) {
    if (std::strcmp(name, "exitcode") != 0) continue;
    char *end = nullptr;
    long v = std::strtol(value, &end, 0);
    if (*value && *end == 0 && v >= 0 && v <= 255) code = static_cast<int>(v);
  }
  return code;
}

std::string Quoted(const std::string &value) {
  if (!lockgraph_options::NeedsQuotes(value.c_str())) return value;
  std::string q = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// What the processes wrote into the launcher's folder: JSON records (each process its own
// file; a record cut short by a process killed while writing is dropped with a note) and the
// text reports of processes whose stderr was closed or redirected.
struct Collected {
  lockgraph::ReportInput json;
  std::vector<std::pair<std::string, std::string>> texts;  // file name, text
  bool cleaned = true;
};

Collected Collect(const std::string &dir) {
  Collected c;
  c.json.name = "findings";
  std::vector<std::string> files;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d))
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) files.push_back(e->d_name);
    closedir(d);
  }
  std::sort(files.begin(), files.end());
  for (const auto &name : files) {
    std::string f = dir + "/" + name;
    std::ifstream in(f, std::ios::binary);
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".jsonl") == 0) {
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        lockgraph::JsonValue v;
        std::string why;
        if (!lockgraph::ParseJson(line, v, why)) {
          std::cerr << "lockgraph: dropped a truncated record of " << name << " (" << why << ")\n";
          continue;
        }
        c.json.lines.push_back(line);
      }
    } else {
      std::stringstream text;
      text << in.rdbuf();
      c.texts.emplace_back(name, text.str());
    }
    in.close();
    if (unlink(f.c_str()) != 0) c.cleaned = false;
  }
  if (rmdir(dir.c_str()) != 0) c.cleaned = false;
  return c;
}

// Writes `lines` to `path`; false (with a message) when any of it could not be written.
bool WriteLines(const std::string &path, const std::vector<std::string> &lines) {
  std::ofstream out(path, std::ios::trunc | std::ios::binary);
  for (const auto &line : lines) out << line << "\n";
  out.close();
  if (out.fail()) {
    std::cerr << "lockgraph: cannot write " << path << ": " << std::strerror(errno ? errno : EIO) << "\n";
    return false;
  }
  return true;
}

// Runs the program once with the hook and `opts`, its processes writing their findings into a
// folder of this run's own, and gathers what they wrote there (Collect). False when the program
// could not be started (said).
bool Launch(const std::string &path, const std::vector<std::string> &prog, const std::string &opts,
            lockgraph::LaunchResult *out) {
  // Every process writes its findings into this folder, so that the launcher knows of them
  // (its exit status) even when no --json or report was asked for.
  const char *tmpdir = getenv("TMPDIR");
  std::string tmp = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/lockgraph.XXXXXX";
  if (!mkdtemp(&tmp[0])) {
    std::cerr << "lockgraph: cannot create a temporary folder " << tmp << ": " << std::strerror(errno) << "\n";
    return false;
  }
  std::string all_opts = opts + (opts.empty() ? "" : ":") + "json_path=" + Quoted(tmp + "/report");
  setenv("LOCKGRAPH_OPTIONS", all_opts.c_str(), 1);
  std::vector<char *> argv;
  for (auto &s : prog) argv.push_back(const_cast<char *>(s.c_str()));
  argv.push_back(nullptr);
  int status = RunProgram(path, argv);
  if (status < 0) {
    std::perror("lockgraph: fork");
    rmdir(tmp.c_str());
    return false;
  }
  out->code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  Collected all = Collect(tmp);
  for (const auto &t : all.texts) {
    std::cerr << "lockgraph: a process had closed or replaced its stderr; its report (" << t.first << "):\n"
              << t.second;
    if (!t.second.empty() && t.second.back() != '\n') std::cerr << "\n";
  }
  if (!all.cleaned) std::cerr << "lockgraph: could not remove all of the temporary folder " << tmp << "\n";
  out->records = std::move(all.json.lines);
  return true;
}

int Run(std::vector<std::string> args) {
  std::string json_out, sarif_out, html_out, output, format = "text", options, baseline, suppressions;
  lockgraph::ConfirmRequest confirm;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    // --opt=value is --opt value
    std::string inline_value;
    bool has_inline = false;
    if (a.compare(0, 2, "--") == 0 && a.find('=') != std::string::npos) {
      inline_value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      has_inline = true;
    }
    auto value = [&](std::string &dst) {
      if (has_inline) {
        dst = inline_value;
        return true;
      }
      if (i + 1 >= args.size()) return false;
      dst = args[++i];
      return true;
    };
    bool takes_value = a == "--json" || a == "--sarif" || a == "--html" || a == "-o" || a == "--output" ||
                       a == "-f" || a == "--format" || a == "--options" || a == "--baseline" ||
                       a == "--suppressions" || a == "--confirm" || a == "--confirm-from" || a == "--confirm-runs";
    std::string v;
    if (takes_value && !value(v)) {
      std::cerr << "lockgraph run: " << a << " needs a value\n";
      return kExitInternal;
    }
    if (a == "--json") {
      json_out = v;
    } else if (a == "--sarif") {
      sarif_out = v;
    } else if (a == "--html") {
      html_out = v;
    } else if (a == "-o" || a == "--output") {
      output = v;
    } else if (a == "-f" || a == "--format") {
      format = v;
    } else if (a == "--options") {
      options = v;
    } else if (a == "--confirm") {
      if (!lockgraph::ValidConfirmTarget(v)) {
        std::cerr << "lockgraph: --confirm takes a finding's fingerprint (16 hex digits, from --json) or 'all', not '"
                  << v << "'\n";
        return kExitInternal;
      }
      confirm.target = v;
    } else if (a == "--confirm-from") {
      confirm.from = v;
    } else if (a == "--confirm-runs") {
      char *end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != 0 || n < 1 || n > 1000) {
        std::cerr << "lockgraph: --confirm-runs takes a number of runs from 1 to 1000, not '" << v << "'\n";
        return kExitInternal;
      }
      confirm.runs = static_cast<int>(n);
    } else if (a == "--baseline" || a == "--suppressions") {
      // Absolute, since the program may change directory; checked here, where a bad path is
      // a usage error rather than a note lost in the program's output.
      char *abs = realpath(v.c_str(), nullptr);
      if (abs == nullptr || access(abs, R_OK) != 0) {
        std::cerr << "lockgraph: cannot read " << a.substr(2) << " file '" << v << "': "
                  << std::strerror(errno) << "\n";
        free(abs);
        return kExitInternal;
      }
      (a == "--baseline" ? baseline : suppressions) = abs;
      free(abs);
      if (a == "--suppressions") {  // the hook can only warn about a bad line: refuse it here
        std::ifstream in(suppressions);
        std::stringstream text;
        text << in.rdbuf();
        std::vector<lockgraph::SuppressionRule> rules;
        std::string why;
        if (!lockgraph::parseSuppressions(text.str(), rules, why)) {
          std::cerr << "lockgraph: " << v << ": " << why << " (docs/suppressions.md)\n";
          return kExitInternal;
        }
      }
    } else if (a == "-h" || a == "--help") {
      std::cout << lockgraph::kHelpRun;
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "lockgraph: unknown option '" << args[i] << "'\n";
      std::cerr << lockgraph::kHelpRun;
      return kExitInternal;
    } else {
      break;
    }
  }
  if (confirm.target.empty() && (!confirm.from.empty() || confirm.runs != 3)) {
    std::cerr << "lockgraph: --confirm-from and --confirm-runs go with --confirm\n";
    return kExitInternal;
  }
  bool known_format = false;
  for (const char *f : {"text", "json", "sarif", "codequality", "dot", "html", "baseline"}) known_format |= format == f;
  if (!known_format) {
    std::cerr << "lockgraph run: unknown format '" << format << "' (text, json, sarif, codequality, dot, html, baseline)\n";
    return kExitInternal;
  }
  // The merged reports written after the run: (format, file).
  std::vector<std::pair<std::string, std::string>> reports;
  if (!output.empty()) reports.push_back({format, output});
  if (!sarif_out.empty()) reports.push_back({"sarif", sarif_out});
  if (!html_out.empty()) reports.push_back({"html", html_out});
  if (i >= args.size()) {
    std::cerr << "lockgraph: run: no program given\n";
    std::cerr << lockgraph::kHelpRun;
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
  if (!baseline.empty()) add("baseline=" + Quoted(baseline));
  if (!suppressions.empty()) add("suppressions=" + Quoted(suppressions));
  if (opts.find("external_symbolizer_path=") == std::string::npos) {
    std::string sym = FindSymbolizer();
    if (!sym.empty()) add("external_symbolizer_path=" + Quoted(sym));
  }
  setenv("LD_PRELOAD", preload.c_str(), 1);
  lockgraph::LaunchResult result;
  int code;
  if (!confirm.target.empty()) {
    auto launch = [&](const std::string &extra, lockgraph::LaunchResult *out) {
      return Launch(path, prog, extra.empty() ? opts : opts + (opts.empty() ? "" : ":") + extra, out);
    };
    code = lockgraph::Confirm(confirm, launch, &result.records, std::cerr);
  } else {
    if (!Launch(path, prog, opts, &result)) return kExitInternal;
    code = result.code;
  }
  // Findings in the outputs fail the run even when the process that made them did not replace
  // its status: a child process's, or a program that ended with _exit(0).
  if (code == 0 && !result.records.empty()) code = HookExitCode(opts);
  bool write_failed = false;
  if (!json_out.empty() && !WriteLines(json_out, result.records)) write_failed = true;
  if (!reports.empty()) {
    lockgraph::ReportInput all;
    all.name = "findings";
    all.lines = result.records;
    lockgraph::ReportOptions ro;
    ro.format = reports[0].first;
    ro.output = reports[0].second;
    ro.also.assign(reports.begin() + 1, reports.end());
    ro.quiet = true;
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd))) ro.source_root = cwd;
    if (lockgraph::WriteReport({all}, ro, std::cerr) == lockgraph::kReportBadInput) write_failed = true;
  }
  if (write_failed && code == 0) code = kExitInternal;
  return code;
}

// `lockgraph analyze`: the analyzer with the options spelled as the other commands spell them
// (-f/--format FMT, --output FILE, -q/--quiet), and no progress line in CI.
int Analyze(char **argv, int argc) {
  std::string an = FindAnalyzer();
  std::vector<std::string> args = {"lockgraph-analyze"};
  bool progress_set = false;
  int flags_at = argc;  // `FILES... -- FLAGS`: compiler flags, passed as they are
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      flags_at = i;
      break;
    }
    if ((a == "-f" || a == "--format") && i + 1 < argc) {
      args.push_back("--format=" + std::string(argv[++i]));
    } else if (a == "--output" && i + 1 < argc) {
      args.push_back("-o");
      args.push_back(argv[++i]);
    } else if (a.rfind("--output=", 0) == 0) {
      args.push_back("-o");
      args.push_back(a.substr(9));
    } else if (a == "-q" || a == "--quiet") {
      args.push_back("--no-progress");
      progress_set = true;
    } else {
      progress_set |= a == "--no-progress";
      args.push_back(a);
    }
  }
  const char *ci = getenv("CI");
  if (!progress_set && ci && *ci && strcmp(ci, "false") != 0 && strcmp(ci, "0") != 0) args.push_back("--no-progress");
  for (int i = flags_at; i < argc; ++i) args.push_back(argv[i]);
  std::vector<char *> av;
  for (auto &x : args) av.push_back(const_cast<char *>(x.c_str()));
  av.push_back(nullptr);
  execv(an.c_str(), av.data());
  std::cerr << "lockgraph: cannot run " << an << ": " << std::strerror(errno)
            << " (was the analyzer built? it needs Clang 19; LOCKGRAPH_ANALYZER names another)\n";
  return kExitInternal;
}

}  // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || (args[0] == "help" && args.size() == 1)) {
    Usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? kExitInternal : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "lockgraph " LOCKGRAPH_VERSION "\n";
    return 0;
  }
  if (args[0] == "help") {  // lockgraph help COMMAND: the command's --help
    std::string cmd = args[1];
    if (cmd == "run") return Run({"--help"});
    if (cmd == "report") return lockgraph::ReportMain({"--help"});
    if (cmd == "analyze") {
      char *av[] = {argv[0], const_cast<char *>("analyze"), const_cast<char *>("--help"), nullptr};
      return Analyze(av, 3);
    }
    std::cerr << "lockgraph: no help for '" << cmd << "' (run, report, analyze)\n";
    return kExitInternal;
  }
  if (args[0] == "run") return Run(std::vector<std::string>(args.begin() + 1, args.end()));
  if (args[0] == "report") return lockgraph::ReportMain(std::vector<std::string>(args.begin() + 1, args.end()));
  if (args[0] == "analyze") return Analyze(argv, argc);
  std::cerr << "lockgraph: unknown command '" << args[0] << "'\n";
  Usage(std::cerr);
  return kExitInternal;
}
