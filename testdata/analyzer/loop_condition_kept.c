// The twin of loop_condition_unlock.c: the do-while's condition only counts the retry
// (`(note_retry(th), TRUE)`) and releases nothing, so the way round the loop still holds
// 'interrupt_lock' when check_interrupts() runs and the loop's top takes it again: a
// self-deadlock as soon as an interrupt is pending, and interrupt_lock => pending_lock against
// interrupter()'s pending_lock => interrupt_lock.
// STATIC-RUN:
#include <pthread.h>

#define TRUE 1
// ruby's RUBY_VM_INTERRUPTED_ANY(ec)
#define INTERRUPTED(th) ((th)->interrupt_flag & ~(th)->interrupt_mask)

struct thread_state {
  pthread_mutex_t interrupt_lock;
  int raised;
  unsigned interrupt_flag;
  unsigned interrupt_mask;
  void (*unblock)(void *);
};

static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static int pending;
static struct thread_state main_state = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0};

static void check_interrupts(struct thread_state *th) {
  pthread_mutex_lock(&pending_lock);
  if (pending > 0) {
    pending--;
    th->interrupt_flag = 0;
  }
  pthread_mutex_unlock(&pending_lock);
}

static int retries;
static void note_retry(struct thread_state *th) { (void)th; retries++; }

static int set_unblock(struct thread_state *th, void (*fn)(void *)) {
  do {
    check_interrupts(th);  // EXPECT-STATIC: lock-order-inversion main_state.interrupt_lock => pending_lock => main_state.interrupt_lock
    pthread_mutex_lock(&th->interrupt_lock);  // EXPECT-STATIC: self-deadlock thread_state::interrupt_lock
  } while (!th->raised && INTERRUPTED(th) && (note_retry(th), TRUE));
  th->unblock = fn;
  pthread_mutex_unlock(&th->interrupt_lock);
  return TRUE;
}

static void wake(void *arg) { (void)arg; }

static void *blocker(void *arg) {
  (void)arg;
  set_unblock(&main_state, wake);
  return 0;
}

// the other order: an interrupt is posted under 'pending_lock', then the target thread's
// 'interrupt_lock' is taken to look at its unblock function
static void *interrupter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&pending_lock);
  pending++;
  pthread_mutex_lock(&main_state.interrupt_lock);
  main_state.interrupt_flag = 1;
  pthread_mutex_unlock(&main_state.interrupt_lock);
  pthread_mutex_unlock(&pending_lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, blocker, 0);
  pthread_create(&b, 0, interrupter, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
