// A local pointer assigned from another local pointer names what that one names (trafficserver's
// AIO thread, iocore/aio/AIO.cc: `AIO_Reqs *my_aio_req = thr_info->req; AIO_Reqs *current_req =
// nullptr; ink_mutex_acquire(&my_aio_req->aio_mutex); ... current_req = my_aio_req; ...
// ink_mutex_release(&current_req->aio_mutex); cache_op(op); ... ink_mutex_acquire(&my_aio_req->
// aio_mutex);`). The copy, declared null and given one local's value, was a pointer that moves:
// the release through it named nothing, the queue's mutex stayed held, and taking it again was
// a false self-deadlock. A null initialiser names no object, and a local pointer that keeps its
// initialiser names that object. The twin (worker_relock) takes the lock again through the copy
// while it holds it: a real self-deadlock, reported.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct reqs {
  pthread_mutex_t aio_mutex;
  pthread_cond_t aio_cond;
  int todo;
};
struct thread_info {
  struct reqs *req;
};

extern int shut_down(void);
extern void cache_op(void);

static void *aio_thread_main(void *arg) {
  struct thread_info *thr_info = (struct thread_info *)arg;
  struct reqs *my_aio_req = thr_info->req;
  struct reqs *current_req = NULL;
  pthread_mutex_lock(&my_aio_req->aio_mutex);
  for (;;) {
    do {
      if (shut_down()) {
        pthread_mutex_unlock(&my_aio_req->aio_mutex);
        return NULL;
      }
      current_req = my_aio_req;
      if (!my_aio_req->todo)
        break;
      my_aio_req->todo--;
      pthread_mutex_unlock(&current_req->aio_mutex);
      cache_op();
      pthread_mutex_lock(&my_aio_req->aio_mutex);
    } while (1);
    pthread_cond_wait(&my_aio_req->aio_cond, &my_aio_req->aio_mutex);
  }
  return NULL;
}

static void *worker_relock(void *arg) {
  struct thread_info *thr_info = (struct thread_info *)arg;
  struct reqs *mine = thr_info->req;
  struct reqs *cur = NULL;
  pthread_mutex_lock(&mine->aio_mutex);
  cur = mine;
  pthread_mutex_lock(&cur->aio_mutex);  // EXPECT: self-deadlock
  cur->todo++;
  pthread_mutex_unlock(&cur->aio_mutex);
  pthread_mutex_unlock(&mine->aio_mutex);
  return NULL;
}

static struct reqs queue = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static struct thread_info info = {&queue};

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], NULL, aio_thread_main, &info);
  pthread_create(&t[1], NULL, aio_thread_main, &info);
  pthread_create(&t[2], NULL, worker_relock, &info);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
