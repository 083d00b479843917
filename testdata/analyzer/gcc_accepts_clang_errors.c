// Code GCC 12 builds with warnings only and Clang 19 rejects by default: a function pointer
// assigned from a function of another (compatible-looking) type, an int stored into a pointer,
// a call to an undeclared function (bindfs and iftop in Debian 12 have the first kind). The
// analyzer must analyse such a file as the compiler that built it did, not refuse it ("it does
// not compile"), and still find the inversion in it.
// STATIC-RUN:
#include <pthread.h>
#include <sys/types.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static int user_uid(const char *name, uid_t *out) { (void)name; *out = 0; return 0; }
static const int (*value_to_id)(const char *, uid_t *);

static void *ab(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return 0;
}

static void *ba(void *arg) {
  (void)arg;
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}

int main(void) {
  uid_t u;
  value_to_id = &user_uid;  // clang: incompatible function pointer types (an error by default)
  int *p = 0x10;            // clang: int-conversion (an error by default)
  (void)p;
  helper_not_declared();    // clang: implicit declaration (an error by default in C99 and later)
  value_to_id("root", &u);
  pthread_t t1, t2;
  pthread_create(&t1, 0, ab, 0);
  pthread_create(&t2, 0, ba, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}

int helper_not_declared(void) { return 0; }
