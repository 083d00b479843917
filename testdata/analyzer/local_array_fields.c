// STATIC-RUN:
// h2o's neverbleed (deps/neverbleed/neverbleed.c:258) advances `vecs[vecindex].iov_base` of a
// local array of `struct iovec` after a short writev(); another library of the tree fills its own
// iovecs under its connection's lock. An element of an automatic array, like an automatic struct,
// is the writer's own: no unlocked-rmw of `iovec::iov_base`. An element of a global array of
// structs is shared: its unlocked update is still found.
#include <pthread.h>
#include <stddef.h>
#include <sys/uio.h>
#include <unistd.h>

struct conn {
  pthread_mutex_t lock;
  int sock;
};
struct conn server = {PTHREAD_MUTEX_INITIALIZER, 1};

struct slot {
  long hits;
};
struct slot slots[4];
pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

static void send_command(struct conn *c, char *buf, size_t n) {
  struct iovec iov[2];
  pthread_mutex_lock(&c->lock);  // libyrmcds: the connection's lock held over the whole send
  iov[0].iov_base = buf;
  iov[0].iov_len = n;
  ssize_t w = writev(1, iov, 1);
  if (w > 0 && (size_t)w < iov[0].iov_len) {
    iov[0].iov_base = (char *)iov[0].iov_base + w;
    iov[0].iov_len -= (size_t)w;
  }
  pthread_mutex_unlock(&c->lock);
}

static void send_text(struct conn *c, char *key, size_t klen, char *data, size_t dlen) {
  struct iovec iov[3];
  pthread_mutex_lock(&c->lock);
  iov[0].iov_base = key;
  iov[0].iov_len = klen;
  iov[1].iov_base = data;
  iov[1].iov_len = dlen;
  iov[2].iov_base = (char *)"\r\n";
  iov[2].iov_len = 2;
  ssize_t w = writev(c->sock, iov, 3);
  if (w > 0 && (size_t)w < iov[0].iov_len) {
    iov[0].iov_base = (char *)iov[0].iov_base + w;
    iov[0].iov_len -= (size_t)w;
  }
  pthread_mutex_unlock(&c->lock);
}

static int write_all(int fd, char *buf, size_t n) {
  struct iovec vecs[2];
  vecs[0].iov_base = buf;
  vecs[0].iov_len = n;
  vecs[1].iov_base = buf;
  vecs[1].iov_len = 0;
  for (int i = 0; i != 2;) {
    ssize_t r = writev(fd, vecs + i, 2 - i);
    if (r < 0)
      return -1;
    while (r != 0 && (size_t)r >= vecs[i].iov_len) {
      r -= (ssize_t)vecs[i].iov_len;
      ++i;
    }
    if (r != 0) {
      vecs[i].iov_base = (char *)vecs[i].iov_base + r;
      vecs[i].iov_len -= (size_t)r;
    }
  }
  return 0;
}

static void *worker(void *arg) {
  char buf[16] = "ping";
  send_command(&server, buf, 4);
  send_text(&server, buf, 4, buf, 4);
  write_all(1, buf, 4);
  pthread_mutex_lock(&slots_lock);
  slots[(size_t)arg].hits++;
  pthread_mutex_unlock(&slots_lock);
  slots[0].hits++;  // EXPECT: unlocked-rmw slot::hits
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (size_t i = 0; i < 2; ++i) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  return 0;
}
