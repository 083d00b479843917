// A search loop that runs one index past the end and leaves at that index with a return
// (zpaq 7.15's decompressThread(): `for (unsigned i=0; i<=job.jd.block.size(); ++i) { ...
// if (i==job.jd.block.size()) { release(job.mutex); return 0; } ... release(job.mutex); break; }`).
// The loop's own exit (its condition false) cannot happen: the first test is `0 <= unsigned`, and
// every later one follows `i != size` and `++i` with nothing in the body changing `i` or the
// vector's size. So the mutex is never held after the loop, and the next iteration's lock is no
// self-deadlock, nor is the write_mutex taken after it ordered after `mutex`.
// `scan_signed()` is the same loop with an `int n` that may be negative: the loop may not run at
// all and `mu2` stays held, so its second acquisition is reported. `scan_grows()` appends to the
// vector inside the body: the test at the top no longer rules the exit out.
// STATIC-RUN:
#include <pthread.h>
#include <vector>

struct Block {
  int state;
};
struct JobData {
  std::vector<Block> block;
};
struct ExtractJob {
  pthread_mutex_t mutex;
  pthread_mutex_t write_mutex;
  JobData jd;
};

static void lock(pthread_mutex_t &m) { pthread_mutex_lock(&m); }
static void release(pthread_mutex_t &m) { pthread_mutex_unlock(&m); }

void *decompressThread(void *arg) {
  ExtractJob &job = *(ExtractJob *)arg;
  unsigned next = 0;
  while (true) {
    lock(job.mutex);
    for (unsigned i = 0; i <= job.jd.block.size(); ++i) {
      unsigned k = i + next;
      if (k >= job.jd.block.size())
        k -= job.jd.block.size();
      if (i == job.jd.block.size()) {  // no more jobs
        release(job.mutex);
        return 0;
      }
      Block &b = job.jd.block[k];
      if (b.state == 1) {
        b.state = 2;
        release(job.mutex);
        next = k;
        break;
      }
    }
    lock(job.write_mutex);
    job.jd.block[next].state = 3;
    release(job.write_mutex);
  }
}

static pthread_mutex_t mu2 = PTHREAD_MUTEX_INITIALIZER;
static int slots[8];

void *scan_signed(void *arg) {
  int n = *(int *)arg;
  while (true) {
    pthread_mutex_lock(&mu2);  // EXPECT: self-deadlock mu2
    for (int i = 0; i <= n; ++i) {
      if (i == n) {
        pthread_mutex_unlock(&mu2);
        return 0;
      }
      if (slots[i]) {
        pthread_mutex_unlock(&mu2);
        break;
      }
    }
  }
}

static pthread_mutex_t mu3 = PTHREAD_MUTEX_INITIALIZER;
static std::vector<int> items;

void *scan_grows(void *) {
  while (true) {
    pthread_mutex_lock(&mu3);  // EXPECT: self-deadlock mu3
    for (unsigned i = 0; i <= items.size(); ++i) {
      if (i == items.size()) {
        pthread_mutex_unlock(&mu3);
        return 0;
      }
      items.pop_back();
      if (items[i]) {
        pthread_mutex_unlock(&mu3);
        break;
      }
    }
  }
}

int main() {
  static ExtractJob job;
  pthread_mutex_init(&job.mutex, 0);
  pthread_mutex_init(&job.write_mutex, 0);
  job.jd.block.resize(4);
  int n = 3;
  pthread_t t[4];
  pthread_create(&t[0], 0, decompressThread, &job);
  pthread_create(&t[1], 0, decompressThread, &job);
  pthread_create(&t[2], 0, scan_signed, &n);
  pthread_create(&t[3], 0, scan_grows, 0);
  for (auto &x : t)
    pthread_join(x, 0);
}
