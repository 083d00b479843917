#include "chain.h"

struct imutex db_mu = {PTHREAD_MUTEX_INITIALIZER, 0};

void db_enter(void) { imutex_lock(&db_mu); }
void db_leave(void) { imutex_unlock(&db_mu); }
