// One program seen by the three sources `lockgraph report` merges (tests/report): the runtime
// hook, the static analyzer and ThreadSanitizer.
//  * deposit() takes accounts_lock then journal_lock, rotate_journal() the other way round: a
//    lock-order inversion every source sees (the threads are sequenced by semaphores, so the run
//    does not hang).
//  * audit() and print_stats() take audit_lock and stats_lock in opposite orders, but print_stats()
//    runs only with a command-line argument: the analyzer sees the inversion, a plain run does not.
//  * transfers is counted without a lock by both threads: the analyzer's unlocked-rmw and TSan's
//    data race.
// STATIC-RUN:
// HOOK-RUN:
// TSAN: racy
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

pthread_mutex_t accounts_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
long balance, journal_entries, audits;
long transfers;
int verbose;
sem_t deposited, rotated;

static void audit(void) {
  pthread_mutex_lock(&audit_lock);
  pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: lock-order-inversion audit_lock => stats_lock => audit_lock
  audits++;
  pthread_mutex_unlock(&stats_lock);
  pthread_mutex_unlock(&audit_lock);
}

static void print_stats(void) {
  pthread_mutex_lock(&stats_lock);
  pthread_mutex_lock(&audit_lock);  // EXPECT-STATIC: lock-order-inversion audit_lock => stats_lock => audit_lock
  printf("%ld audits\n", audits);
  pthread_mutex_unlock(&audit_lock);
  pthread_mutex_unlock(&stats_lock);
}

static void *deposit(void *arg) {
  (void)arg;
  pthread_mutex_lock(&accounts_lock);
  balance += 100;
  pthread_mutex_lock(&journal_lock);  // EXPECT: lock-order-inversion accounts_lock => journal_lock => accounts_lock
  journal_entries++;
  pthread_mutex_unlock(&journal_lock);
  pthread_mutex_unlock(&accounts_lock);
  audit();
  sem_post(&deposited);
  transfers++;  // EXPECT-STATIC: unlocked-rmw transfers
  sem_wait(&rotated);  // stay alive until the other thread is done
  return NULL;
}

static void *rotate_journal(void *arg) {
  (void)arg;
  sem_wait(&deposited);
  pthread_mutex_lock(&journal_lock);
  journal_entries = 0;
  pthread_mutex_lock(&accounts_lock);  // EXPECT: lock-order-inversion accounts_lock => journal_lock => accounts_lock
  balance -= 1;
  pthread_mutex_unlock(&accounts_lock);
  pthread_mutex_unlock(&journal_lock);
  if (verbose) print_stats();
  transfers++;  // EXPECT-STATIC: unlocked-rmw transfers
  sem_post(&rotated);
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  verbose = argc > 1;
  sem_init(&deposited, 0, 0);
  sem_init(&rotated, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, deposit, NULL);
  pthread_create(&t2, NULL, rotate_journal, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("balance %ld, %ld transfers\n", balance, transfers);
  return 0;
}
