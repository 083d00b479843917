// Lock wrappers defined in their own TU: the analyzer's second pass applies their
// summaries (acct_lock acquires a->mu) in the TUs that call them.
#include <pthread.h>

#include "acct.h"

void acct_lock(struct acct *a) { pthread_mutex_lock(&a->mu); }
void acct_unlock(struct acct *a) { pthread_mutex_unlock(&a->mu); }
