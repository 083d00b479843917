// A condition-variable wrapper whose constructor argument says who takes the mutex: xrootd's
// XrdSysCondVar(relm) keeps `relMutex = relm` and its Signal(), Broadcast() and Wait() lock the
// mutex themselves only `if (relMutex)`; an object made with relm 0 ("the caller handles
// lock/unlock") is signalled and waited on with the caller's Lock() held. The field is private
// and only the constructor writes it, so each object's construction fixes it: a member made with
// `cv(0)` in its owner's constructor, a local `CondVar done(0)`, a member with a default member
// initializer `{0}` never take the mutex again. No self-deadlock on them. The twins are made
// with the default (1): their Signal() and Wait() after Lock() are real self-deadlocks.
// STATIC-RUN:
#include <pthread.h>

class CondVar {
public:
  void Lock() { pthread_mutex_lock(&cmut); }
  void UnLock() { pthread_mutex_unlock(&cmut); }
  void Signal() {
    if (relMutex)
      pthread_mutex_lock(&cmut);
    pthread_cond_signal(&cvar);
    if (relMutex)
      pthread_mutex_unlock(&cmut);
  }
  int Wait();
  CondVar(int relm = 1, const char *cid = 0) {
    pthread_cond_init(&cvar, 0);
    pthread_mutex_init(&cmut, 0);
    relMutex = relm;
    condID = cid ? cid : "unk";
  }
  ~CondVar() {
    pthread_cond_destroy(&cvar);
    pthread_mutex_destroy(&cmut);
  }

private:
  pthread_cond_t cvar;
  pthread_mutex_t cmut;
  int relMutex;
  const char *condID;
};

int CondVar::Wait() {
  if (relMutex)
    Lock();
  int r = pthread_cond_wait(&cvar, &cmut);
  if (relMutex)
    UnLock();
  return r;
}

class Queue {
public:
  Queue() : ready(0, "queue"), loud() {}
  void put(int v) {
    ready.Lock();
    item = v;
    ready.Signal();
    ready.UnLock();
  }
  int get() {
    ready.Lock();
    while (!item)
      ready.Wait();
    int v = item;
    item = 0;
    ready.UnLock();
    return v;
  }
  void shout() {
    loud.Lock();
    loud.Signal();  // EXPECT-STATIC: self-deadlock Queue::loud
    loud.UnLock();
  }

private:
  CondVar ready;
  CondVar loud;  // relm 1: Signal() takes the mutex itself
  int item = 0;
};

struct Pool {
  CondVar idle{0};
  CondVar busy{1};
  int n = 0;
  void done() {
    idle.Lock();
    n--;
    idle.Signal();
    idle.UnLock();
  }
  void wait_busy() {
    busy.Lock();
    busy.Wait();  // EXPECT-STATIC: self-deadlock Pool::busy
    busy.UnLock();
  }
};

static Queue q;
static Pool pool;

static void *producer(void *) {
  q.put(1);
  q.shout();
  pool.done();
  return 0;
}

static void *consumer(void *) {
  CondVar finished(0);
  finished.Lock();
  finished.Signal();
  finished.UnLock();
  pool.wait_busy();
  return (void *)(long)q.get();
}

int main() {
  pthread_t a, b;
  pthread_create(&a, 0, producer, 0);
  pthread_create(&b, 0, consumer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
