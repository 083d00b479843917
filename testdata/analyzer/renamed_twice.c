// One file built twice, once plain and once with its names renamed by macros (jemalloc's
// private namespace: every global gets the `je_` prefix). The self-deadlock is one code
// finding, at the same places in both builds: reported once, with the plain name. Where the
// two builds differ (stats_print() in its own lines in each), both are reported.
// STATIC-COMPILE: -DPLAIN_BUILD
// STATIC-COMPILE: -DPRIVATE_NAMESPACE
// STATIC-RUN:
#include <pthread.h>

#ifdef PRIVATE_NAMESPACE
#define arenas_lock je_arenas_lock
#define stats_lock je_stats_lock
#define arena_init je_arena_init
#define arena_choose je_arena_choose
#define stats_print je_stats_print
#endif

pthread_mutex_t arenas_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
int narenas;

void arena_init(void) {
  pthread_mutex_lock(&arenas_lock);
  narenas++;
  pthread_mutex_unlock(&arenas_lock);
}

void arena_choose(void) {
  pthread_mutex_lock(&arenas_lock);
  arena_init();  // EXPECT-STATIC: self-deadlock arenas_lock
  pthread_mutex_unlock(&arenas_lock);
}

#ifdef PRIVATE_NAMESPACE
void stats_print(void) {
  pthread_mutex_lock(&stats_lock);
  pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: self-deadlock je_stats_lock
  pthread_mutex_unlock(&stats_lock);
}
#else
void stats_print(void) {
  pthread_mutex_lock(&stats_lock);
  pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: self-deadlock stats_lock
  pthread_mutex_unlock(&stats_lock);
}
#endif
