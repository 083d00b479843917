// (see objref.cpp) The implementations, in another translation unit.
#include <cstdio>

#include "identity.h"

namespace {
// Counts a reference, then gives the caller's lock back; the destructor takes it only to
// drop the reference.
class RefHolder {
 public:
  explicit RefHolder(int *refs) : refs_(refs) {
    ++*refs_;
    pthread_mutex_unlock(&internal_lock);
  }
  ~RefHolder() {
    pthread_mutex_lock(&internal_lock);
    --*refs_;
    pthread_mutex_unlock(&internal_lock);
  }

 private:
  int *refs_;
};

class RemoteIdentity : public Identity {
 public:
  void dispatch(CallDesc &desc) override {
    RefHolder h(&refs_);
    desc.op++;
  }

 private:
  int refs_ = 0;
};

class ShutdownIdentity : public Identity {
 public:
  void dispatch(CallDesc &) override {
    pthread_mutex_unlock(&internal_lock);
    throw 1;
  }
};

class FileSink : public Sink {
 public:
  void flush(int bytes) override {
    pthread_mutex_unlock(&log_lock);
    std::fwrite("x", 1, static_cast<size_t>(bytes > 0), stderr);
  }
};

class NullSink : public Sink {
 public:
  void flush(int) override {}
};
}  // namespace

Identity *identity_of(int key) {
  static RemoteIdentity remote;
  static ShutdownIdentity shutdown;
  if (key)
    return &remote;
  return &shutdown;
}

Sink *sink_of(int key) {
  static FileSink file;
  static NullSink null;
  if (key)
    return &file;
  return &null;
}
