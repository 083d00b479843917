// Which packet a helper's `packet->pos++` moves is the callers' (mosquitto's
// packet__read_byte(&mosq->in_packet, ...)): the network thread reads the incoming packet,
// embedded in the connection, through read_byte(); the writer thread advances the queued
// packets' position under out_mutex. read_byte()'s `pos` is `conn::in_packet.pos`, not every
// packet's: out_mutex does not protect it, and only the network thread touches it. The
// connection's counter, advanced through a helper by every sender without the lock queue()
// takes for it, is reported. (Not handled yet: a packet the sender has just allocated and
// fills through write_byte() after another call, before it queues it.)
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct packet {
  unsigned char payload[64];
  unsigned pos, len;
  struct packet *next;
};

struct conn {
  pthread_mutex_t out_mutex;
  struct packet in_packet;
  struct packet *out_queue;
  long queued;
};

static struct conn the_conn = {PTHREAD_MUTEX_INITIALIZER};

static unsigned char read_byte(struct packet *packet) {
  unsigned char b = packet->payload[packet->pos];
  packet->pos++;
  return b;
}

static unsigned read_u16(struct packet *packet) {
  unsigned hi = read_byte(packet);
  return hi << 8 | read_byte(packet);
}

static void count(long *n) {
  *n += 1;  // EXPECT-STATIC: unlocked-rmw conn::queued
}

static void queue(struct conn *c, struct packet *p) {
  pthread_mutex_lock(&c->out_mutex);
  p->next = c->out_queue;
  c->out_queue = p;
  c->queued = c->queued + 1;
  pthread_mutex_unlock(&c->out_mutex);
}

static void *sender(void *arg) {
  for (int i = 0; i < 10; i++) {
    struct packet *p = calloc(1, sizeof *p);
    p->payload[p->len++] = 0xc0;
    queue(&the_conn, p);
    count(&the_conn.queued);
  }
  return arg;
}

static void *writer(void *arg) {
  struct packet *p;
  for (;;) {
    pthread_mutex_lock(&the_conn.out_mutex);
    p = the_conn.out_queue;
    if (p) {
      p->pos += 1;
      the_conn.out_queue = p->next;
    }
    pthread_mutex_unlock(&the_conn.out_mutex);
  }
  return arg;
}

static void *network(void *arg) {
  for (int i = 0; i < 10; i++)
    if (read_u16(&the_conn.in_packet) == 0)
      the_conn.in_packet.pos = 0;
  return arg;
}

int main(void) {
  pthread_t s1, s2, w, n;
  pthread_create(&s1, 0, sender, 0);
  pthread_create(&s2, 0, sender, 0);
  pthread_create(&w, 0, writer, 0);
  pthread_create(&n, 0, network, 0);
  pthread_join(s1, 0);
  return 0;
}
