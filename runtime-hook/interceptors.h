// The real functions behind the hook's wrappers: one struct, generated from the lock API table
// (common/lock_api.inc, the families the hook intercepts) and the thread and process functions,
// resolved once at start-up (ResolveReal, called by EnsureInit).
#ifndef LOCKGRAPH_RUNTIME_HOOK_INTERCEPTORS_H_
#define LOCKGRAPH_RUNTIME_HOOK_INTERCEPTORS_H_

#include <pthread.h>
#include <semaphore.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#pragma GCC visibility push(hidden)

namespace lg {

// The lock API families whose real functions the hook resolves (all of them): LG_REAL_<family>(x)
// is x for those, nothing for the others.
#define LG_REAL_Mutex(...) __VA_ARGS__
#define LG_REAL_Rwlock(...) __VA_ARGS__
#define LG_REAL_Spin(...) __VA_ARGS__
#define LG_REAL_Cond(...) __VA_ARGS__
#define LG_REAL_Sem(...) __VA_ARGS__
#define LG_REAL_Barrier(...) __VA_ARGS__
#define LG_REAL_C11Mutex(...) __VA_ARGS__
#define LG_REAL_C11Cond(...) __VA_ARGS__

// Functions intercepted besides the lock API: X(ret, name, params...).
#define LG_THREAD_FUNCTIONS(X)                                                            \
  X(int, pthread_create, pthread_t *, const pthread_attr_t *, void *(*)(void *), void *)  \
  X(int, pthread_join, pthread_t, void **)                                                \
  X(int, thrd_join, thrd_t, int *)                                                        \
  X(void, pthread_exit, void *)                                                           \
  X(pid_t, fork)                                                                          \
  X(void, _exit, int)                                                                     \
  X(void, _Exit, int)                                                                     \
  X(int, dlclose, void *)

struct Real {
#define LOCKGRAPH_LOCK_FN(name, family, op, mode, lock_arg, ret, params, args) \
  LG_REAL_##family(ret(*name) params;)
#include "lock_api.inc"
#define LG_DECLARE_REAL(ret, name, ...) ret (*name)(__VA_ARGS__);
  LG_THREAD_FUNCTIONS(LG_DECLARE_REAL)
#undef LG_DECLARE_REAL
};
extern Real real;

// Ends the process now with `status`, past the hook's own _exit (which would replace it).
[[noreturn]] void RealExit(int status);

// Resolves every real function (the next definition after the hook's, RTLD_NEXT).
void ResolveReal();

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_INTERCEPTORS_H_
