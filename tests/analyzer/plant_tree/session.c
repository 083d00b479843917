#include <pthread.h>

#include "store.h"

/* Complete only here: other files reach a session through session_note()'s pointer. */
struct session {
  pthread_mutex_t mu;
  long requests;
};

static struct session sessions[4] = {{PTHREAD_MUTEX_INITIALIZER, 0}, {PTHREAD_MUTEX_INITIALIZER, 0},
                                     {PTHREAD_MUTEX_INITIALIZER, 0}, {PTHREAD_MUTEX_INITIALIZER, 0}};

static void session_count(struct session *s) {
  pthread_mutex_lock(&s->mu);
  s->requests++;
  pthread_mutex_unlock(&s->mu);
}

void session_note(int id) {
  session_count(&sessions[id & 3]);
}
