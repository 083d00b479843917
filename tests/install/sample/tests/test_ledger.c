/* An auditor and a reconciler. With SAMPLE_NEW_BUG, reconcile() takes the two ledger locks in the
   order audit() does not: a new inversion. */
#include <pthread.h>
#include <semaphore.h>
#include "bank.h"

static sem_t turn;
static void *auditor(void *p) { (void)p; audit(); sem_post(&turn); return 0; }
static void *reconciler(void *p) { (void)p; sem_wait(&turn); reconcile(); return 0; }

int main(void) {
  sem_init(&turn, 0, 0);
  pthread_t a, b;
  pthread_create(&a, 0, auditor, 0);
  pthread_create(&b, 0, reconciler, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
