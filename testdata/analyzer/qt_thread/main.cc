// Qt's threads: a QThread subclass's start() runs its run() override in a new thread, and
// wait() without a deadline joins it (qsstv's sound, receive and transmit threads). Before,
// start() was a call into a library and run() a function nothing calls, taken as callable from
// any thread at any time:
//   Decoder's run() takes `frames_mu` then `stats_mu`; main() takes them the other way round
//   while the decoder runs (reported), and Exporter's opposite order is taken in main() only
//   after `exporter.wait()` has joined it: one order before the other, no deadlock
//   (latent-lock-order, not reported as an inversion; before, an inversion);
//   two Counter threads update `counted` without a lock that main() holds for it (reported);
//   QtConcurrent::run() runs tally() on pool threads, four times, and Sampler::step(), and
//   QThreadPool::start() runs Job::run() twice: tally() and Job update without the lock
//   (reported), Sampler::step() takes it (no finding). Before, these were functions nothing
//   calls, and their updates were not reported.
// STATIC-RUN:
// STATIC-COMPILE: -isystem %S/sys -isystem %S/../qt_locks/sys -std=c++17
#include <QMutex>
#include <QThread>
#include <QThreadPool>

QMutex frames_mu, stats_mu, queue_mu, export_mu, count_mu;
int frames, stats, queued, exported;
long counted;

class Decoder : public QThread {
 protected:
  void run() override {
    QMutexLocker f(&frames_mu);
    QMutexLocker s(&stats_mu);  // EXPECT-STATIC: lock-order-inversion frames_mu => stats_mu => frames_mu
    frames++;
    stats++;
  }
};

class Exporter : public QThread {
 protected:
  void run() override {
    QMutexLocker q(&queue_mu);
    QMutexLocker e(&export_mu);  // EXPECT-STATIC: latent-lock-order export_mu => queue_mu => export_mu
    queued--;
    exported++;
  }
};

class Counter : public QThread {
 protected:
  void run() override {
    for (int i = 0; i < 1000; i++)
      counted++;  // EXPECT-STATIC: unlocked-rmw counted
  }
};

QMutex pool_mu;
long tallied, jobs_done;

void tally() {
  for (int i = 0; i < 100; i++)
    tallied++;  // EXPECT-STATIC: unlocked-rmw tallied
}

struct Sampler {
  void step() {
    QMutexLocker l(&pool_mu);
    tallied += 2;
  }
};

struct Job : QRunnable {
  void run() override {
    jobs_done++;  // EXPECT-STATIC: unlocked-rmw jobs_done
  }
};

int main() {
  Sampler sampler;
  for (int i = 0; i < 4; i++)
    QtConcurrent::run(tally);
  QtConcurrent::run(&sampler, &Sampler::step);
  for (int i = 0; i < 2; i++)
    QThreadPool::globalInstance()->start(new Job);
  {
    QMutexLocker l(&pool_mu);
    jobs_done = 0;
  }
  Decoder decoder;
  Exporter exporter;
  Counter c1, c2;
  decoder.start();
  exporter.start();
  c1.start();
  c2.start();
  {
    QMutexLocker s(&stats_mu);
    QMutexLocker f(&frames_mu);
    frames = 0;
  }
  exporter.wait();
  {
    QMutexLocker e(&export_mu);
    QMutexLocker q(&queue_mu);
    queued = exported = 0;
  }
  {
    QMutexLocker l(&count_mu);
    counted = 0;
  }
  decoder.wait();
  c1.wait();
  c2.wait();
  QThreadPool::globalInstance()->waitForDone();
  return 0;
}
