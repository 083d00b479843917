#include <pthread.h>
typedef pthread_mutex_t xmutex_t;
typedef pthread_rwlock_t xrwlock_t;
void xmutex_lock(xmutex_t *m);
void xmutex_unlock(xmutex_t *m);
void xrwlock_wrlock(xrwlock_t *l);
void xrwlock_wrunlock(xrwlock_t *l);
