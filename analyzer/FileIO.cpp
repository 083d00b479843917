#include "FileIO.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lockgraph {

namespace {

std::string why(int E) { return std::strerror(E); }

// Closes the descriptor on every path.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

bool writeAll(int Fd, const std::string &Text, int &E) {
  size_t Done = 0;
  while (Done < Text.size()) {
    ssize_t N = ::write(Fd, Text.data() + Done, Text.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      E = N < 0 ? errno : ENOSPC;
      return false;
    }
    Done += static_cast<size_t>(N);
  }
  return true;
}

// The length of the valid UTF-8 sequence at S[I], or 0 when it is not one.
size_t utf8Length(const std::string &S, size_t I) {
  auto B = [&](size_t K) { return static_cast<unsigned char>(S[K]); };
  unsigned char C = B(I);
  if (C < 0x80)
    return 1;
  size_t N;
  unsigned char Lo = 0x80, Hi = 0xBF;
  if (C >= 0xC2 && C <= 0xDF)
    N = 2;
  else if (C >= 0xE0 && C <= 0xEF) {
    N = 3;
    if (C == 0xE0)
      Lo = 0xA0;
    if (C == 0xED)
      Hi = 0x9F;  // no UTF-16 surrogates
  } else if (C >= 0xF0 && C <= 0xF4) {
    N = 4;
    if (C == 0xF0)
      Lo = 0x90;
    if (C == 0xF4)
      Hi = 0x8F;
  } else
    return 0;
  if (I + N > S.size())
    return 0;
  if (B(I + 1) < Lo || B(I + 1) > Hi)
    return 0;
  for (size_t K = 2; K < N; ++K)
    if (B(I + K) < 0x80 || B(I + K) > 0xBF)
      return 0;
  return N;
}

}  // namespace

ReadLimits cacheFileLimits() { return ReadLimits{256u << 20, true, false}; }
ReadLimits userFileLimits() { return ReadLimits{256u << 20, false, true}; }

bool readInputFile(const std::string &Path, const ReadLimits &L, std::string &Out, std::string &Err) {
  Out.clear();
  auto Fail = [&](const std::string &M) {
    Err = M;
    return false;
  };
  int Flags = O_RDONLY | O_CLOEXEC | O_NOCTTY;
  if (!L.followLinks)
    Flags |= O_NOFOLLOW;
  if (L.regularOnly)
    Flags |= O_NONBLOCK;  // a FIFO must not block the open; it is refused below
  Fd F;
  F.fd = ::open(Path.c_str(), Flags);
  if (F.fd < 0)
    return Fail(errno == ELOOP && !L.followLinks ? "a symbolic link (not followed)" : why(errno));
  struct stat St;
  if (::fstat(F.fd, &St) != 0)
    return Fail(why(errno));
  if (S_ISDIR(St.st_mode))
    return Fail("a directory");
  if (L.regularOnly && !S_ISREG(St.st_mode))
    return Fail("not a regular file");
  if (S_ISREG(St.st_mode) && static_cast<unsigned long long>(St.st_size) > L.maxBytes)
    return Fail("larger than " + std::to_string(L.maxBytes >> 20) + " MiB");
  if (S_ISREG(St.st_mode))
    Out.reserve(static_cast<size_t>(St.st_size));
  char Buf[1 << 16];
  while (true) {
    ssize_t N = ::read(F.fd, Buf, sizeof Buf);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0)
      return Fail(why(errno));
    if (N == 0)
      break;
    if (Out.size() + static_cast<size_t>(N) > L.maxBytes) {
      Out.clear();
      return Fail("larger than " + std::to_string(L.maxBytes >> 20) + " MiB");
    }
    Out.append(Buf, static_cast<size_t>(N));
  }
  return true;
}

bool writeAtomically(const std::string &Path, const std::string &Text, std::string &Err) {
  static unsigned long Counter = 0;
  std::string Tmp;
  Fd F;
  for (int Try = 0; Try < 100 && F.fd < 0; ++Try) {
    Tmp = Path + ".tmp" + std::to_string(::getpid()) + "." +
          std::to_string(__atomic_add_fetch(&Counter, 1, __ATOMIC_RELAXED));
    F.fd = ::open(Tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (F.fd < 0 && errno != EEXIST)
      break;
  }
  if (F.fd < 0) {
    Err = "cannot write '" + Path + "': " + why(errno);
    return false;
  }
  int E = 0;
  bool Ok = writeAll(F.fd, Text, E);
  if (::close(F.fd) != 0 && Ok) {
    Ok = false;
    E = errno;
  }
  F.fd = -1;
  if (Ok && ::rename(Tmp.c_str(), Path.c_str()) != 0) {
    Ok = false;
    E = errno;
  }
  if (!Ok) {
    ::unlink(Tmp.c_str());
    Err = "cannot write '" + Path + "': " + why(E);
  }
  return Ok;
}

bool writeUserFile(const std::string &Path, const std::string &Text, std::string &Err) {
  struct stat St;
  std::string Target = Path;
  if (::lstat(Path.c_str(), &St) == 0 && S_ISLNK(St.st_mode)) {
    char Real[PATH_MAX];
    if (::realpath(Path.c_str(), Real)) {
      Target = Real;
    } else {
      // a dangling link: create its target (resolved relative to the link's directory)
      char Buf[PATH_MAX];
      ssize_t N = ::readlink(Path.c_str(), Buf, sizeof Buf - 1);
      if (N <= 0) {
        Err = "cannot write '" + Path + "': " + why(errno);
        return false;
      }
      std::string T(Buf, static_cast<size_t>(N));
      size_t Slash = Path.rfind('/');
      Target = T[0] == '/' || Slash == std::string::npos ? T : Path.substr(0, Slash + 1) + T;
    }
  }
  if (::stat(Target.c_str(), &St) != 0 || S_ISREG(St.st_mode))
    return writeAtomically(Target, Text, Err);
  if (S_ISDIR(St.st_mode)) {
    Err = "cannot write '" + Path + "': a directory";
    return false;
  }
  // a FIFO, a terminal, /dev/stdout, /dev/null: write in place
  Fd F;
  F.fd = ::open(Target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  int E = 0;
  if (F.fd < 0 || !writeAll(F.fd, Text, E)) {
    Err = "cannot write '" + Path + "': " + why(F.fd < 0 ? errno : E);
    return false;
  }
  return true;
}

bool jsonNestingWithin(const std::string &Text, unsigned MaxDepth) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"')
      InString = true;
    else if (C == '[' || C == '{') {
      if (++Depth > MaxDepth)
        return false;
    } else if ((C == ']' || C == '}') && Depth > 0)
      --Depth;
  }
  return true;
}

std::string printableName(const std::string &Name) {
  static const char Hex[] = "0123456789abcdef";
  std::string Out;
  for (size_t I = 0; I < Name.size();) {
    unsigned char C = static_cast<unsigned char>(Name[I]);
    size_t N = utf8Length(Name, I);
    if (N > 1 || (N == 1 && C >= 0x20 && C != 0x7F && C != '\\')) {
      Out.append(Name, I, N);
      I += N;
      continue;
    }
    Out += '\\';
    switch (C) {
    case '\\': Out += '\\'; break;
    case '\n': Out += 'n'; break;
    case '\t': Out += 't'; break;
    case '\r': Out += 'r'; break;
    default:
      Out += 'x';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
    ++I;
  }
  return Out;
}

void appendJsonString(std::string &Out, const std::string &S) {
  static const char Hex[] = "0123456789abcdef";
  Out += '"';
  for (size_t I = 0; I < S.size();) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    if (C >= 0x80) {
      size_t N = utf8Length(S, I);
      if (N) {
        Out.append(S, I, N);
        I += N;
      } else {
        Out += "\\udc";
        Out += Hex[C >> 4];
        Out += Hex[C & 15];
        ++I;
      }
      continue;
    }
    ++I;
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += static_cast<char>(C);
    } else if (C >= 0x20) {
      Out += static_cast<char>(C);
    } else if (C == '\n') {
      Out += "\\n";
    } else if (C == '\t') {
      Out += "\\t";
    } else if (C == '\r') {
      Out += "\\r";
    } else {
      Out += "\\u00";
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  Out += '"';
}

void appendJsonStrings(std::string &Out, const std::vector<std::string> &V) {
  Out += '[';
  for (size_t I = 0; I < V.size(); ++I) {
    if (I)
      Out += ',';
    appendJsonString(Out, V[I]);
  }
  Out += ']';
}

std::string fileUri(const std::string &Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out = !Path.empty() && Path[0] == '/' ? "file://" : "";
  for (unsigned char C : Path) {
    if (isalnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/') {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

}  // namespace lockgraph
