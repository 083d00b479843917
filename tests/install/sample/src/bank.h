#ifndef SAMPLE_BANK_H
#define SAMPLE_BANK_H
#include <pthread.h>

extern pthread_mutex_t accounts_mu;
extern pthread_mutex_t ledger_mu;
extern long balance;

void deposit(long amount);      /* accounts_mu, then ledger_mu */
void close_books(void);         /* ledger_mu, then accounts_mu: the known inversion */
void audit(void);               /* ledger_mu, then audit_mu (SAMPLE_NEW_BUG: a second inversion) */
void reconcile(void);
#endif
