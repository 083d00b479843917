#include <pthread.h>
// rocksdb's lock stack, one layer a file: port::Mutex, InstrumentedMutex, the DB, and three
// layers of API on top.
struct imutex {
  pthread_mutex_t m;
  long acquisitions;
};
void port_lock(pthread_mutex_t *m);
void port_unlock(pthread_mutex_t *m);
void imutex_lock(struct imutex *im);
void imutex_unlock(struct imutex *im);
void db_enter(void);
void db_leave(void);
void svc_begin(void);
void svc_end(void);
void api_begin(void);
void api_end(void);
void session_open(void);
void session_close(void);
