// The search loop of loop_exit_by_last_index.cpp (`for (unsigned i = 0; i <= E; ++i) { if (i == E)
// { unlock; return; } ... unlock; break; }`) leaves only through its body while nothing in the body
// changes E. Here something does, less visibly than a pop_back(): a call handed a pointer to the
// object E reads (`drop(s, i)`), a non-const method of the same object called on the implicit
// `this` (`discard(i)`), a non-const `get()` of a user class that may evict (not std's element
// access), a condition wait in the body that lets other threads shrink the vector, a lambda that
// captured the vector by reference, and `r >> n` reading a new bound. In each, E
// may fall below `i`, the loop's condition turns false and the mutex stays held after the loop:
// the next round's lock is a self-deadlock, reported.
// STATIC-RUN:
#include <pthread.h>
#include <vector>

struct Slots {
  unsigned n;
  int v[8];
};

static void drop(Slots *s, unsigned i) { s->v[i] = s->v[--s->n]; }

static pthread_mutex_t mu1 = PTHREAD_MUTEX_INITIALIZER;

void *scan_drop(void *arg) {
  Slots *s = (Slots *)arg;
  while (true) {
    pthread_mutex_lock(&mu1);  // EXPECT: self-deadlock mu1
    for (unsigned i = 0; i <= s->n; ++i) {
      if (i == s->n) {
        pthread_mutex_unlock(&mu1);
        return 0;
      }
      if (s->v[i] < 0) {
        drop(s, i);
      } else if (s->v[i] > 0) {
        pthread_mutex_unlock(&mu1);
        break;
      }
    }
  }
}

class Queue {
 public:
  void run() {
    while (true) {
      pthread_mutex_lock(&mu_);  // EXPECT: self-deadlock Queue::mu_
      for (unsigned i = 0; i <= items_.size(); ++i) {
        if (i == items_.size()) {
          pthread_mutex_unlock(&mu_);
          return;
        }
        if (items_[i] < 0) {
          discard(i);
        } else if (items_[i] > 0) {
          pthread_mutex_unlock(&mu_);
          break;
        }
      }
    }
  }

 private:
  void discard(unsigned i) { items_.erase(items_.begin() + i); }
  pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
  std::vector<int> items_;
};

class Cache {
 public:
  unsigned size() const { return n_; }
  int get(unsigned i) {
    if (n_ > 4)
      --n_;  // evicts
    return slots_[i & 7];
  }

 private:
  unsigned n_ = 0;
  int slots_[8] = {};
};

static pthread_mutex_t mu3 = PTHREAD_MUTEX_INITIALIZER;
static Cache cache;

void *scan_cache(void *) {
  while (true) {
    pthread_mutex_lock(&mu3);  // EXPECT: self-deadlock mu3
    for (unsigned i = 0; i <= cache.size(); ++i) {
      if (i == cache.size()) {
        pthread_mutex_unlock(&mu3);
        return 0;
      }
      if (cache.get(i) > 0) {
        pthread_mutex_unlock(&mu3);
        break;
      }
    }
  }
}

static pthread_mutex_t mu4 = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv4 = PTHREAD_COND_INITIALIZER;
static std::vector<int> jobs;

void *scan_wait(void *) {
  while (true) {
    pthread_mutex_lock(&mu4);  // EXPECT: self-deadlock mu4
    for (unsigned i = 0; i <= jobs.size(); ++i) {
      if (i == jobs.size()) {
        pthread_mutex_unlock(&mu4);
        return 0;
      }
      while (jobs[i] == 0)
        pthread_cond_wait(&cv4, &mu4);
      if (jobs[i] > 0) {
        pthread_mutex_unlock(&mu4);
        break;
      }
    }
  }
}

void *shrink(void *) {
  pthread_mutex_lock(&mu4);
  if (!jobs.empty())
    jobs.pop_back();
  pthread_cond_broadcast(&cv4);
  pthread_mutex_unlock(&mu4);
  return 0;
}

static pthread_mutex_t mu5 = PTHREAD_MUTEX_INITIALIZER;
static std::vector<int> pending;

void *scan_lambda(void *) {
  auto forget = [&](unsigned i) { pending.erase(pending.begin() + i); };
  while (true) {
    pthread_mutex_lock(&mu5);  // EXPECT: self-deadlock mu5
    for (unsigned i = 0; i <= pending.size(); ++i) {
      if (i == pending.size()) {
        pthread_mutex_unlock(&mu5);
        return 0;
      }
      if (pending[i] < 0) {
        forget(i);
      } else if (pending[i] > 0) {
        pthread_mutex_unlock(&mu5);
        break;
      }
    }
  }
}

struct Reader {
  int fd;
};
static Reader &operator>>(Reader &r, unsigned &n) {
  n = (unsigned)r.fd;
  return r;
}

static pthread_mutex_t mu6 = PTHREAD_MUTEX_INITIALIZER;

void *scan_read(void *arg) {
  Reader r{*(int *)arg};
  unsigned n = 4;
  while (true) {
    pthread_mutex_lock(&mu6);  // EXPECT: self-deadlock mu6
    for (unsigned i = 0; i <= n; ++i) {
      if (i == n) {
        pthread_mutex_unlock(&mu6);
        return 0;
      }
      r >> n;
      if (n & 1) {
        pthread_mutex_unlock(&mu6);
        break;
      }
    }
  }
}

int main() {
  static Slots slots;
  static Queue q;
  static int fd = 3;
  pthread_t t[7];
  pthread_create(&t[0], 0, scan_drop, &slots);
  pthread_create(&t[1], 0, [](void *p) -> void * { static_cast<Queue *>(p)->run(); return 0; }, &q);
  pthread_create(&t[2], 0, scan_cache, 0);
  pthread_create(&t[3], 0, scan_wait, 0);
  pthread_create(&t[4], 0, shrink, 0);
  pthread_create(&t[5], 0, scan_lambda, 0);
  pthread_create(&t[6], 0, scan_read, &fd);
  for (auto &x : t)
    pthread_join(x, 0);
}
