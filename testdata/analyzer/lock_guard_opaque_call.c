// STATIC-RUN:
// A lock taken and given back under one test (`if (NULL != c->response->crc)`), with a call
// given the connection in between (libmicrohttpd's MHD_connection_handle_idle() around
// try_ready_chunked_body()). The callee's own body does not assign the tested field: on its
// failure path it gives the lock back and then closes the connection through a function it
// calls (which drops c->response), and on success it changes nothing the test reads. The code
// assumes the test gives the same answer before and after the call; a self-deadlock that
// rests only on code deeper down (or unseen, as flush()) changing it is not reported. When the
// callee itself assigns the field, the tests may disagree and the finding stays
// (field_test_atomic_counter.c, member_flag_correlated_call.cc).
#include <pthread.h>
#include <stddef.h>

struct response {
  pthread_mutex_t mutex;
  void *crc;
  long total;
  long pos;
};
struct connection {
  struct response *response;
  int state;
  long bufsize;
};

void flush(struct connection *c);  // defined elsewhere

static void close_connection(struct connection *c) {
  c->response = NULL;
  c->state = 3;
}

static int fill(struct connection *c) {
  struct response *r = c->response;
  if (c->bufsize < 128) {
    pthread_mutex_unlock(&r->mutex);
    close_connection(c);
    return 0;
  }
  r->pos++;
  return 1;
}

static void handle(struct connection *c) {
  while (c->state != 3) {
    switch (c->state) {
    case 0:
      if (NULL != c->response->crc)
        pthread_mutex_lock(&c->response->mutex);
      if (0 == c->response->total) {
        if (NULL != c->response->crc)
          pthread_mutex_unlock(&c->response->mutex);
        c->state = 3;
        continue;
      }
      if (fill(c)) {
        if (NULL != c->response->crc)
          pthread_mutex_unlock(&c->response->mutex);
        c->state = 1;
        continue;
      }
      break;  // fill() gave the lock back
    case 1:
      if (NULL != c->response->crc)
        pthread_mutex_lock(&c->response->mutex);
      flush(c);
      if (NULL != c->response->crc)
        pthread_mutex_unlock(&c->response->mutex);
      pthread_mutex_lock(&c->response->mutex);
      c->response->pos = 0;
      pthread_mutex_unlock(&c->response->mutex);
      c->state = 0;
      continue;
    default:
      break;
    }
    break;
  }
}

static void *worker(void *p) {
  handle(p);
  return NULL;
}

int main(void) {
  static struct response r = {PTHREAD_MUTEX_INITIALIZER, &r, 10, 0};
  static struct connection c1 = {&r, 0, 4096}, c2 = {&r, 0, 4096};
  pthread_t a, b;
  pthread_create(&a, NULL, worker, &c1);
  pthread_create(&b, NULL, worker, &c2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
