// Reports need little stack: a thread with a 16 KiB stack, most of it already in use, makes the
// edge that closes a cycle and an unlock-unheld - both reported from that thread - and does not
// crash (a guard page lies below its stack). The program measures the stack the hook used below
// the thread's frame (the stack is painted first) and fails if it was more than 2 KiB: the
// report's work runs on the hook's own stack.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

enum { kStack = 16384, kGuard = 4096, kLeft = 4096, kLimit = 2048 };

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M;
sem_t first_done, second_done;
unsigned char *stack_lo;
uintptr_t frame_at_locks;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void take_locks(void) {
  frame_at_locks = (uintptr_t)__builtin_frame_address(0);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&M);  // EXPECT: unlock-unheld M
}

// Uses the stack down to kLeft bytes above its bottom, then takes the locks there.
static void deep(void) {
  volatile char pad[256];
  pad[0] = 1;
  if ((uintptr_t)__builtin_frame_address(0) > (uintptr_t)stack_lo + kLeft + 512)
    deep();
  else
    take_locks();
  pad[1] = pad[0];
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  deep();
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  pthread_mutex_init(&M, NULL);
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  unsigned char *mem = mmap(NULL, kGuard + kStack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return 2;
  mprotect(mem, kGuard, PROT_NONE);  // an overflow faults
  stack_lo = mem + kGuard;
  memset(stack_lo, 0xA5, kStack);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, stack_lo, kStack);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, &attr, second, NULL);
  pthread_join(t2, NULL);
  pthread_join(t1, NULL);
  unsigned char *low = stack_lo;
  while (low < stack_lo + kStack && *low == 0xA5) ++low;
  long used = (long)(frame_at_locks - (uintptr_t)low);
  printf("stack used below the thread's frame by its lock calls and their reports: %ld bytes\n", used);
  return used > kLimit ? 3 : 0;
}
