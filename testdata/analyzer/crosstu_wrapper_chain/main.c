// A lock taken through six layers of wrappers, each in its own file (session_open() ->
// api_begin() -> svc_begin() -> db_enter() -> imutex_lock() -> port_lock()), and a journal
// lock taken inside it by one thread and around it by the other. The cross-TU pass must
// follow the whole chain: one level a round stopped four levels short.
// STATIC-RUN:
#include <pthread.h>

#include "chain.h"

pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
long entries;

static void *writer(void *p) {
  (void)p;
  session_open();
  pthread_mutex_lock(&journal);  // EXPECT-STATIC: lock-order-inversion db_mu => journal => db_mu
  entries++;
  pthread_mutex_unlock(&journal);
  session_close();
  return 0;
}

static void *auditor(void *p) {
  (void)p;
  pthread_mutex_lock(&journal);
  session_open();  // EXPECT-STATIC: lock-order-inversion db_mu => journal => db_mu
  entries--;
  session_close();
  pthread_mutex_unlock(&journal);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, writer, 0);
  pthread_create(&b, 0, auditor, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
