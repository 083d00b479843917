// page_write_request() returns 0 with the page's lock held ("leaves p locked"; -1 and no
// lock when the page is full) and page_write() must be called after a success: it updates
// the page and unlocks it. The page's counters
// are updated under its lock on every path, also in page_write(), which releases a lock it
// did not take: the caller holds it by contract.
// STATIC-RUN:
#include <pthread.h>

struct page {
  pthread_mutex_t mutex;
  unsigned bytes_used, obj_count;
};

static struct page pages[4];

struct io {
  int page_id;
};

static int page_write_request(int id, struct io *io) {
  struct page *p = &pages[id & 3];
  pthread_mutex_lock(&p->mutex);
  if (p->bytes_used > 4096) {
    pthread_mutex_unlock(&p->mutex);
    return -1;
  }
  io->page_id = id & 3;
  return 0;  // leaves p locked
}

static void page_write(struct io *io, unsigned len) {
  struct page *p = &pages[io->page_id];
  p->bytes_used += len;
  p->obj_count++;
  pthread_mutex_unlock(&p->mutex);
}

static void page_reset(int id) {
  struct page *p = &pages[id & 3];
  pthread_mutex_lock(&p->mutex);
  p->bytes_used = 0;
  p->obj_count = 0;
  pthread_mutex_unlock(&p->mutex);
}

static void *writer(void *arg) {
  for (int i = 0; i < 100; i++) {
    struct io io;
    if (page_write_request(i, &io) == 0)
      page_write(&io, 64);
  }
  return arg;
}

static void *compactor(void *arg) {
  for (int i = 0; i < 4; i++)
    page_reset(i);
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, writer, 0);
  pthread_create(&b, 0, writer, 0);
  pthread_create(&c, 0, compactor, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
