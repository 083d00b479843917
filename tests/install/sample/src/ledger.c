#include "bank.h"

pthread_mutex_t ledger_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit_mu = PTHREAD_MUTEX_INITIALIZER;
static long entries, audits;

void close_books(void) {
  pthread_mutex_lock(&ledger_mu);
  entries = 0;
  pthread_mutex_lock(&accounts_mu);
  balance = 0;
  pthread_mutex_unlock(&accounts_mu);
  pthread_mutex_unlock(&ledger_mu);
}

void audit(void) {
  pthread_mutex_lock(&ledger_mu);
  pthread_mutex_lock(&audit_mu);
  audits++;
  pthread_mutex_unlock(&audit_mu);
  pthread_mutex_unlock(&ledger_mu);
}

void reconcile(void) {
#ifdef SAMPLE_NEW_BUG
  pthread_mutex_lock(&audit_mu);
  pthread_mutex_lock(&ledger_mu);
  entries++;
  pthread_mutex_unlock(&ledger_mu);
  pthread_mutex_unlock(&audit_mu);
#endif
}
