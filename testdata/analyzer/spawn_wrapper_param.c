// gpgme's tests/run-threaded.c in miniature: threads are started through a wrapper that hands
// its own parameter to pthread_create (`create_thread(func, arg)`), and a mutex serves as the
// "all threads done" signal ("lazy man's signal"): main() locks threads_lock, starts the
// workers and locks it again; the last worker to finish unlocks it (del_thread()). The
// wrapper starts threads of what its callers pass, so do_data_op() runs in threads, and the
// unlock there is the other threads' hand-off of main's lock: the second lock waits for the
// workers, it is no self-deadlock (before, the workers were not known as threads and main's
// second lock was reported). Clean.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static int running_threads;
static long hits;

static void create_thread(void *(*func)(void *), void *arg) {
  pthread_t handle;
  pthread_mutex_lock(&count_lock);
  running_threads++;
  pthread_mutex_unlock(&count_lock);
  if (pthread_create(&handle, NULL, func, arg)) {
    fprintf(stderr, "Failed to create thread!\n");
    return;
  }
  pthread_detach(handle);
}

static void del_thread(void) {
  pthread_mutex_lock(&count_lock);
  int last = --running_threads == 0;
  pthread_mutex_unlock(&count_lock);
  if (last)
    pthread_mutex_unlock(&threads_lock);
}

static void *do_data_op(void *file_name) {
  (void)file_name;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&count_lock);
    hits++;
    pthread_mutex_unlock(&count_lock);
  }
  del_thread();
  return NULL;
}

int main(int argc, char **argv) {
  int repeats = 2;
  pthread_mutex_lock(&threads_lock);
  do {
    for (int i = 1; i < argc || i == 1; i++)
      create_thread(do_data_op, argv[0]);
    pthread_mutex_lock(&threads_lock);
  } while (--repeats != 0);
  printf("%ld\n", hits);
  return 0;
}
