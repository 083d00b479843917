#include "chain.h"

void port_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
void port_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
