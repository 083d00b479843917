// libmicrohttpd's try_ready_normal_body(): the caller locks `c->response->mutex`; the callee
// copies the pointer into a local assigned after its declaration (`response = c->response;`),
// unlocks through it on its failure path, and then closes the connection, which locks the
// response again. The copy names the caller's lock: released before the close, no
// self-deadlock (one was reported: only an initialiser named a local copy's object).
// Twin: field_copy_assigned_moved.c.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>
_Noreturn void mhd_panic(const char *m);
#define MHD_mutex_unlock_(pmutex) (!pthread_mutex_unlock ((pmutex)))
#define MHD_mutex_lock_(pmutex) (!pthread_mutex_lock ((pmutex)))
#define MHD_mutex_lock_chk_(pmutex) do { if (! MHD_mutex_lock_ (pmutex)) mhd_panic ("lock"); } while (0)
#define MHD_mutex_unlock_chk_(pmutex) do { if (! MHD_mutex_unlock_ (pmutex)) mhd_panic ("unlock"); } while (0)
struct response { pthread_mutex_t mutex; void *crc; long total_size; };
struct connection { struct response *response; long pos; int state; long bufsize; };
static void destroy_response(struct response *r);
static void close_error(struct connection *c) {
  destroy_response(c->response);
  c->state = 9;
}
static int try_ready(struct connection *c, bool *finished) {
  struct response *response;
  response = c->response;
  if (128 > c->bufsize) {
    MHD_mutex_unlock_chk_ (&response->mutex);
    close_error(c);
    return 0;
  }
  *finished = c->pos == response->total_size;
  return 1;
}
static void destroy_response(struct response *r) {
  MHD_mutex_lock_chk_ (&r->mutex);
  r->total_size = 0;
  MHD_mutex_unlock_chk_ (&r->mutex);
}
static void handle_idle(struct connection *c) {
  while (1) {
    switch (c->state) {
    case 0:
      destroy_response(c->response);
      c->state = 1;
      continue;
    case 1:
      if (NULL != c->response->crc)
        MHD_mutex_lock_chk_ (&c->response->mutex);
      if (c->response->total_size == 0) {
        if (NULL != c->response->crc)
          MHD_mutex_unlock_chk_ (&c->response->mutex);
        c->state = 0;
        continue;
      }
      if (1) {
        bool finished;
        if (0 != try_ready(c, &finished)) {
          if (NULL != c->response->crc)
            MHD_mutex_unlock_chk_ (&c->response->mutex);
          c->state = finished ? 0 : 2;
          continue;
        }
      }
      break;
    default:
      return;
    }
    break;
  }
}
static void *worker(void *a) { handle_idle(a); return NULL; }
int main(void) {
  static struct response r;
  static struct connection c = {&r, 0, 0, 0};
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, &c);
  pthread_create(&t2, NULL, worker, &c);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
