// The file loop of a compressor (zstd's fileio.c, FIO_ctx_s::currFileIdx): one thread
// advances its own file index, once while it holds the I/O pool's mutex to hand a job to the
// writer thread. No other thread ever touches the index, so that lock protects it from
// nobody: an update without it loses nothing (data of one thread, the main thread or a
// thread started once, is not shared). The pool's job counter, which the writer thread
// updates under the same mutex, is shared: the compressor's unlocked update of it is reported.
// STATIC-RUN:
#include <pthread.h>

struct io_pool {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int pending;
  long jobs_done;
};

struct fio_ctx {
  int curr_file;
  int nb_files;
};

static struct io_pool pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

static void *writer(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&pool.mutex);
    while (pool.pending == 0)
      pthread_cond_wait(&pool.cond, &pool.mutex);
    pool.pending--;
    pool.jobs_done++;
    pthread_mutex_unlock(&pool.mutex);
  }
  return arg;
}

static void enqueue_last(struct fio_ctx *f) {
  pthread_mutex_lock(&pool.mutex);
  pool.pending++;
  f->curr_file++;  // the index moves past the last file while the job is handed over
  pthread_cond_signal(&pool.cond);
  pthread_mutex_unlock(&pool.mutex);
}

static void compress_file(struct fio_ctx *f) {
  (void)f;
  pthread_mutex_lock(&pool.mutex);
  pool.pending++;
  pthread_cond_signal(&pool.cond);
  pthread_mutex_unlock(&pool.mutex);
}

static void compress_all(struct fio_ctx *f) {
  for (; f->curr_file < f->nb_files - 1; ++f->curr_file)
    compress_file(f);
  enqueue_last(f);
  pool.jobs_done--;  // EXPECT-STATIC: unlocked-rmw io_pool::jobs_done
}

static struct fio_ctx ctx;

static void *compressor(void *arg) {
  compress_all(&ctx);
  ctx.curr_file = 0;
  compress_all(&ctx);
  return arg;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t w, c;
  ctx.nb_files = argc;
  pthread_create(&w, 0, writer, 0);
  pthread_create(&c, 0, compressor, 0);
  pthread_join(c, 0);
  return 0;
}
