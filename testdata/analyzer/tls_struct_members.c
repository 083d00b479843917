// STATIC-RUN:
// TSAN: racy
// A thread-local struct (the_silver_searcher's `__thread struct print_context {...}
// print_context;`, its line counters bumped by every search worker) is each thread's own: its
// members are not shared, nor are those of a thread-local array of structs or of a struct nested
// in one. The same struct without __thread (`totals`) is one object for all the workers: its
// unlocked `totals.lines++` loses updates.
#include <pthread.h>
#include <stddef.h>

__thread struct print_context {
  size_t line;
  size_t last_prev_line;
  struct {
    int in_a_match;
  } state;
} print_context;

static __thread struct slot {
  long hits;
} slots[4];

struct counts {
  long lines;
};
static struct counts totals;

static void print_line(void) {
  print_context.line++;
  print_context.last_prev_line = (print_context.last_prev_line + 1) % 8;
  print_context.state.in_a_match += 1;
  slots[print_context.line % 4].hits++;
}

static void *search_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    print_line();
    totals.lines++;  // EXPECT-STATIC: unlocked-rmw totals.lines
  }
  return NULL;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, search_worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return totals.lines > 0 ? 0 : 1;
}
