// Twin of spawn_wrapper_param.c: the workers that the wrapper starts (`create_thread(func,
// arg)` hands its parameter to pthread_create) count their hits without a lock, and main()
// waits for them with a join. Several workers run do_data_op() at once: the update is lost.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static long hits;

static pthread_t create_thread(void *(*func)(void *), void *arg) {
  pthread_t handle;
  if (pthread_create(&handle, NULL, func, arg))
    fprintf(stderr, "Failed to create thread!\n");
  return handle;
}

static void *do_data_op(void *file_name) {
  (void)file_name;
  for (int i = 0; i < 1000; i++)
    hits++;  // EXPECT-STATIC: unlocked-rmw hits
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t t[8];
  int n = argc < 8 ? argc : 8;
  for (int i = 0; i < n; i++)
    t[i] = create_thread(do_data_op, argv[0]);
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", hits);
  return 0;
}
