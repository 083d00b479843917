// Objects of one class are told apart only by their class in the analysis ('pkt::pos' is the
// 'pos' of every packet). Here a connection's outgoing packet is advanced by the writer thread
// while the connection's queue lock is held (the queued packet), and each thread also builds
// fresh packets of its own, advancing their 'pos' with no lock. The connection's lock is not a
// member of the packet: that it is held at some writes of some packets' 'pos' does not make it
// the packet's protector (mosquitto's packet 'pos' under current_out_packet_mutex): no
// unlocked-rmw for 'pkt::pos'. A packet's own lock ('pkt::mu', held at two writes of
// 'pkt::sent' and forgotten at a third, peek()) is evidence: still reported. So is a global lock
// held at the writes of a global's member and forgotten at one.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct pkt {
  pthread_mutex_t mu;
  int pos;
  int sent;
  char data[32];
  struct pkt *next;
};

struct conn {
  pthread_mutex_t out_mu;
  struct pkt *out;
};

struct totals {
  long bytes;
};

static struct conn the_conn = {PTHREAD_MUTEX_INITIALIZER, 0};
static pthread_mutex_t totals_mu = PTHREAD_MUTEX_INITIALIZER;
static struct totals totals;

static void put_byte(struct pkt *p, char c) {
  if (p->pos < 32)
    p->data[p->pos] = c;
  p->pos++;  // a fresh packet: its builder's own
}

static struct pkt *build(char c) {
  struct pkt *p = calloc(1, sizeof *p);
  if (!p)
    return 0;
  pthread_mutex_init(&p->mu, 0);
  put_byte(p, c);
  put_byte(p, c);
  return p;
}

static void write_out(struct conn *c) {
  pthread_mutex_lock(&c->out_mu);
  for (struct pkt *p = c->out; p; p = p->next) {
    p->pos += 2;  // the queued packets, under the connection's lock
    pthread_mutex_lock(&p->mu);
    p->sent++;
    pthread_mutex_unlock(&p->mu);
  }
  pthread_mutex_unlock(&c->out_mu);
  pthread_mutex_lock(&totals_mu);
  totals.bytes += 2;
  pthread_mutex_unlock(&totals_mu);
}

static void requeue(struct conn *c) {
  pthread_mutex_lock(&c->out_mu);
  for (struct pkt *p = c->out; p; p = p->next) {
    p->pos--;
    pthread_mutex_lock(&p->mu);
    p->sent--;
    pthread_mutex_unlock(&p->mu);
  }
  pthread_mutex_unlock(&c->out_mu);
}

static void peek(struct conn *c) {
  for (struct pkt *p = c->out; p; p = p->next)
    p->sent++;  // EXPECT-STATIC: unlocked-rmw pkt::sent
}

static void *writer(void *arg) {
  write_out(&the_conn);
  requeue(&the_conn);
  peek(&the_conn);
  return arg;
}

static void *builder(void *arg) {
  struct pkt *p = build('x');
  if (p) {
    pthread_mutex_destroy(&p->mu);
    free(p);
  }
  totals.bytes++;  // EXPECT-STATIC: unlocked-rmw totals.bytes
  return arg;
}

int main(void) {
  pthread_t w[2], b[2];
  the_conn.out = build('a');
  for (int i = 0; i < 2; i++) {
    pthread_create(&w[i], 0, writer, 0);
    pthread_create(&b[i], 0, builder, 0);
  }
  for (int i = 0; i < 2; i++) {
    pthread_join(w[i], 0);
    pthread_join(b[i], 0);
  }
  return 0;
}
