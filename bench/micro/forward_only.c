/* forward_only.so: the interception cost floor for bench/run.sh.
 *
 * A trivial LD_PRELOAD library that intercepts pthread_mutex_lock and
 * pthread_mutex_unlock and does nothing but forward them to the next
 * definition (glibc) found with dlsym(RTLD_NEXT). Any preload hook pays at
 * least this much: the extra indirect call through the interposed symbol.
 *
 * Build: cc -O2 -fPIC -shared -o forward_only.so forward_only.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

typedef int (*mutex_fn)(pthread_mutex_t *);

static mutex_fn real_lock;
static mutex_fn real_unlock;

static void resolve(void) {
    real_lock = (mutex_fn)dlsym(RTLD_NEXT, "pthread_mutex_lock");
    real_unlock = (mutex_fn)dlsym(RTLD_NEXT, "pthread_mutex_unlock");
}

__attribute__((constructor)) static void forward_only_init(void) { resolve(); }

int pthread_mutex_lock(pthread_mutex_t *m) {
    if (__builtin_expect(real_lock == NULL, 0))
        resolve();
    return real_lock(m);
}

int pthread_mutex_unlock(pthread_mutex_t *m) {
    if (__builtin_expect(real_unlock == NULL, 0))
        resolve();
    return real_unlock(m);
}
