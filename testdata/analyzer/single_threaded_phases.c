// main() runs alone until it starts the workers (in a loop, into an array) and again after
// it joined them all (in a loop over the same array). Configuration (apply_option(), only
// called from main() before the first thread) and the shutdown take cfg_lock and
// pool_lock in the order opposite to the workers': inconsistent, but never concurrent
// with them: latent. The log counter is only updated by main() between the two phases
// while no thread that touches it runs: the only thread running then is the pinger,
// and the reporter that also counts is created after the pinger was joined.
// STATIC-RUN:
#include <pthread.h>

#define NWORKERS 4

static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int pool_size, cfg_generation;
static long log_count;

static void *worker(void *arg) {
  pthread_mutex_lock(&cfg_lock);
  pthread_mutex_lock(&pool_lock);  // EXPECT-STATIC: latent-lock-order cfg_lock => pool_lock => cfg_lock
  pool_size += cfg_generation;
  pthread_mutex_unlock(&pool_lock);
  pthread_mutex_unlock(&cfg_lock);
  return arg;
}

static void apply_option(int v) {
  pthread_mutex_lock(&pool_lock);
  pthread_mutex_lock(&cfg_lock);  // EXPECT-STATIC: latent-lock-order cfg_lock => pool_lock => cfg_lock
  cfg_generation += v;
  pthread_mutex_unlock(&cfg_lock);
  pthread_mutex_unlock(&pool_lock);
}

static void parse_config(int argc) {
  for (int i = 0; i < argc; i++)
    apply_option(i);
}

static void shutdown_pool(void) {
  pthread_mutex_lock(&pool_lock);
  pthread_mutex_lock(&cfg_lock);
  pool_size = 0;
  pthread_mutex_unlock(&cfg_lock);
  pthread_mutex_unlock(&pool_lock);
}

static void *pinger(void *arg) { return arg; }

static void *reporter(void *arg) {
  log_count++;
  return arg;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t workers[NWORKERS], ping, rep;
  parse_config(argc);
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&workers[i], 0, worker, 0);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(workers[i], 0);
  shutdown_pool();
  pthread_create(&ping, 0, pinger, 0);
  log_count++;
  pthread_join(ping, 0);
  pthread_create(&rep, 0, reporter, 0);
  pthread_join(rep, 0);
  return 0;
}
