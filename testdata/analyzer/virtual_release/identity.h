// (see objref.cpp) Two interfaces whose implementations are given a lock held.
#include <pthread.h>

extern pthread_mutex_t internal_lock;
extern pthread_mutex_t log_lock;

struct CallDesc {
  int op;
};

// Called with internal_lock held; every implementation gives it back.
class Identity {
 public:
  virtual void dispatch(CallDesc &desc) = 0;
  virtual ~Identity() {}
};
Identity *identity_of(int key);

// Called with log_lock held; FileSink gives it back before writing, NullSink forgets to.
class Sink {
 public:
  virtual void flush(int bytes) = 0;
  virtual ~Sink() {}
};
Sink *sink_of(int key);
