/* Two threads, one depositing and one closing the books: the known inversion of accounts_mu and
   ledger_mu (the threads take turns, so the test itself never hangs). */
#include <pthread.h>
#include <semaphore.h>
#include "bank.h"

static sem_t turn;
static void *depositor(void *p) { (void)p; deposit(10); sem_post(&turn); return 0; }
static void *closer(void *p) { (void)p; sem_wait(&turn); close_books(); return 0; }

int main(void) {
  sem_init(&turn, 0, 0);
  pthread_t a, b;
  pthread_create(&a, 0, depositor, 0);
  pthread_create(&b, 0, closer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return balance == 0 ? 0 : 1;
}
