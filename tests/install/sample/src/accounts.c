#include "bank.h"

pthread_mutex_t accounts_mu = PTHREAD_MUTEX_INITIALIZER;
long balance;

void deposit(long amount) {
  pthread_mutex_lock(&accounts_mu);
  balance += amount;
  pthread_mutex_lock(&ledger_mu);
  pthread_mutex_unlock(&ledger_mu);
  pthread_mutex_unlock(&accounts_mu);
}
