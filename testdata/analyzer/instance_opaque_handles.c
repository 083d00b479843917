// Two parameters of pointer types to structs this file never defines (`struct src_handle *`,
// `struct dst_handle *`): opaque handles may both be casts of one real type (here `struct chan`),
// so the types do not keep them apart. `copy_chan()` locks the source channel then the
// destination, and callers pass the same channels both ways: reported. Compare
// instance_parent_child_types.c, whose element and pad are defined structs.
// STATIC-RUN:
#include <pthread.h>

struct src_handle;
struct dst_handle;

struct chan {
  pthread_mutex_t mu;
  int data;
};

static void copy_chan(struct src_handle *s, struct dst_handle *d) {
  struct chan *from = (struct chan *)s, *to = (struct chan *)d;
  pthread_mutex_lock(&from->mu);
  pthread_mutex_lock(&to->mu);  // EXPECT: instance-order-inversion chan::mu
  to->data = from->data;
  pthread_mutex_unlock(&to->mu);
  pthread_mutex_unlock(&from->mu);
}

static struct chan chans[2];

static void *worker(void *arg) {
  long i = (long)arg;
  struct chan *a = &chans[i & 1], *b = &chans[(i + 1) & 1];
  copy_chan((struct src_handle *)a, (struct dst_handle *)b);
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
