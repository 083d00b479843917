// Twin of callback_main_loop.c: the flag-setting code is also reached from a signal handler,
// whose address goes into the C library's `struct sigaction` - it runs whenever and wherever
// the signal lands, so which threads write the flags is not known: reported as before.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <signal.h>
#include <unistd.h>

#define SCANNING_MASK 0x1
#define STRICT_MASK 0x2
#define GETFLAG(m) (runtime_flags & (m))
#define SETFLAG(m) runtime_flags |= (m)
#define CLEARFLAG(m) runtime_flags &= ~(m)

static unsigned runtime_flags;

struct event {
  int fd;
  union {  // (minidlna's: a kqueue build calls the other member)
    void (*process)(struct event *);
    void (*process_vnode)(struct event *, unsigned);
  };
};

struct event_module {
  int (*add)(struct event *);
  int (*process)(unsigned long);
};

static struct event *events[4];
static int nevents;

static int select_add(struct event *ev) {
  if (nevents == 4)
    return -1;
  events[nevents++] = ev;
  return 0;
}

static int select_process(unsigned long msec) {
  usleep(msec);
  for (int i = 0; i < nevents; i++)
    if (events[i]->process)
      events[i]->process(events[i]);
  return 0;
}

static struct event_module select_module = {
    .add = select_add,
    .process = select_process,
};
static struct event_module event_module;

static void parse_headers(int fd) {
  if (fd > 2)
    SETFLAG(STRICT_MASK);  // EXPECT-STATIC: unlocked-rmw runtime_flags
}

static void process_http(struct event *ev) { parse_headers(ev->fd); }

static void process_ssdp(struct event *ev) { printf("ssdp %d\n", ev->fd); }

static void on_signal(int sig) { parse_headers(sig); }

static void *inotify_thread(void *arg) {
  (void)arg;
  while (GETFLAG(SCANNING_MASK))
    usleep(1000);
  printf("strict: %u\n", GETFLAG(STRICT_MASK));
  return NULL;
}

int main(void) {
  static struct event http = {3, process_http}, ssdp = {4, NULL};
  pthread_t t;
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigaction(SIGUSR1, &sa, NULL);
  event_module = select_module;
  SETFLAG(SCANNING_MASK);
  ssdp.process = process_ssdp;
  event_module.add(&http);
  event_module.add(&ssdp);
  pthread_create(&t, NULL, inotify_thread, NULL);
  for (int i = 0; i < 10; i++) {
    event_module.process(100);
    if (i == 5)
      CLEARFLAG(SCANNING_MASK);  // EXPECT-STATIC: unlocked-rmw runtime_flags
  }
  pthread_join(t, NULL);
  return 0;
}
