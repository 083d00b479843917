#include <pthread.h>
extern pthread_mutex_t lock_a, lock_b;
void register_test(void (*fn)(void));
