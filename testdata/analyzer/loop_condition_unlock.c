// ruby's unblock_function_set() takes a thread's 'interrupt_lock' at the bottom of a do-while
// loop and, when an interrupt is pending, releases it inside the loop's condition before going
// round: `while (!raised && interrupted && (pthread_mutex_unlock(&lock), TRUE))`. Clang joins
// the condition's ways out in one block before the loop's branch, so the ways that stop early
// (the lock still held, out of the loop) met the way through the unlock there, and the back edge
// seemed to bring 'interrupt_lock' to the top of the loop: a relock, and an order
// interrupt_lock => pending_lock through check_interrupts(). Each way into that block knows the
// condition's value: only the way through the unlock goes round. Clean.
// STATIC-RUN:
// TSAN: clean
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

static int set_unblock(struct thread_state *th, void (*fn)(void *)) {
  do {
    check_interrupts(th);
    pthread_mutex_lock(&th->interrupt_lock);
  } while (!th->raised && INTERRUPTED(th) && (pthread_mutex_unlock(&th->interrupt_lock), TRUE));
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
