// Two switches on the same unchanged command code (lttng-tools' process_client_msg()): the
// first takes the session list lock in its `default:` branch, for every command that is not
// in its "needs no session" list; the second switch runs each command, and the commands that
// take the list lock themselves (create, list, save) are all in that list, so no path holds
// the list lock twice. Between the two switches the message's other fields are read and
// written, a callee is given a pointer loaded from it and a global is stored through its
// address, none of which can change the code.
// The twin, process_admin_msg(), takes admin_lock in the `default:` of a switch with one case
// and saves under it when the type is ADMIN_SAVE, which that default covers: save_admin()
// takes admin_lock again - a real self-deadlock. (A switch with one case has two successors
// like an `if`, but its default is not `a->type == 0`.)
// STATIC-RUN:
#include <pthread.h>
#include <string.h>

enum cmd_type { CMD_CREATE = 1, CMD_LIST, CMD_SAVE, CMD_START, CMD_STOP, CMD_ENABLE };

struct lsm {
  enum cmd_type cmd_type;
  int domain;
  char name[32];
};

struct session {
  pthread_mutex_t lock;
  char name[32];
  int started;
  int enabled;
};

struct command_ctx {
  struct lsm lsm;
  struct session *session;
  int reply;
};

static pthread_mutex_t session_list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct session sessions[4];
static int nsessions, nsaved, consumer_state;

// liburcu's uatomic_set(&x, v): a volatile store through the address of x
#define ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#define store_shared(addr, v) ((void)(ACCESS_ONCE(*(addr)) = (v)))

static void session_lock_list(void) { pthread_mutex_lock(&session_list_lock); }
static void session_unlock_list(void) { pthread_mutex_unlock(&session_list_lock); }

static struct session *session_find(const char *name) {
  for (int i = 0; i < nsessions; i++)
    if (strcmp(sessions[i].name, name) == 0)
      return &sessions[i];
  return NULL;
}

static int create_session(const char *name) {
  session_lock_list();
  if (nsessions < 4)
    strcpy(sessions[nsessions++].name, name);
  session_unlock_list();
  return 0;
}

static int list_sessions(struct command_ctx *ctx) {
  session_lock_list();
  ctx->reply = nsessions;
  session_unlock_list();
  return 0;
}

static int save_sessions(void) {
  session_lock_list();
  nsaved = nsessions;
  session_unlock_list();
  return 0;
}

static void set_started(struct session *s, int on) { s->started = on; }

static int process_client_msg(struct command_ctx *cmd_ctx) {
  int need_session, ret = 0;

  switch (cmd_ctx->lsm.cmd_type) {
  case CMD_CREATE:
  case CMD_LIST:
  case CMD_SAVE:
    need_session = 0;
    break;
  default:
    need_session = 1;
    session_lock_list();
    cmd_ctx->session = session_find(cmd_ctx->lsm.name);
    if (!cmd_ctx->session) {
      ret = -1;
      goto error;
    }
    pthread_mutex_lock(&cmd_ctx->session->lock);
    break;
  }

  switch (cmd_ctx->lsm.cmd_type) {
  case CMD_START:
  case CMD_STOP:
    if (cmd_ctx->lsm.domain == 2)
      cmd_ctx->reply = 0;
    store_shared(&consumer_state, 1);
    break;
  default:
    break;
  }

  switch (cmd_ctx->lsm.cmd_type) {
  case CMD_CREATE:
    ret = create_session(cmd_ctx->lsm.name);
    break;
  case CMD_LIST:
    ret = list_sessions(cmd_ctx);
    break;
  case CMD_SAVE:
    ret = save_sessions();
    break;
  case CMD_START:
    set_started(cmd_ctx->session, 1);
    break;
  case CMD_STOP:
    set_started(cmd_ctx->session, 0);
    break;
  default:
    cmd_ctx->session->enabled = 1;
    break;
  }

  if (cmd_ctx->session)
    pthread_mutex_unlock(&cmd_ctx->session->lock);
error:
  if (need_session)
    session_unlock_list();
  return ret;
}

enum admin_type { ADMIN_LIST = 1, ADMIN_SAVE, ADMIN_STOP };

struct admin_ctx {
  enum admin_type type;
  int reply;
};

static pthread_mutex_t admin_lock = PTHREAD_MUTEX_INITIALIZER;
static int nadmins;

static int save_admin(void) {
  pthread_mutex_lock(&admin_lock);
  int n = ++nadmins;
  pthread_mutex_unlock(&admin_lock);
  return n;
}

static int process_admin_msg(struct admin_ctx *a) {
  int need_lock;

  switch (a->type) {  // one case and a default: two ways, neither of them `a->type == 0`
  case ADMIN_LIST:
    need_lock = 0;
    break;
  default:
    need_lock = 1;
    pthread_mutex_lock(&admin_lock);
    break;
  }

  if (a->type == ADMIN_SAVE)
    a->reply = save_admin();  // EXPECT-STATIC: self-deadlock admin_lock
  else
    a->reply = 0;

  if (need_lock)
    pthread_mutex_unlock(&admin_lock);
  return a->reply;
}

static void *client_thread(void *arg) {
  struct command_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  for (int t = CMD_CREATE; t <= CMD_ENABLE; t++) {
    ctx.lsm.cmd_type = (enum cmd_type)t;
    ctx.session = NULL;
    process_client_msg(&ctx);
  }
  return arg;
}

static void *admin_thread(void *arg) {
  struct admin_ctx a = {ADMIN_SAVE, 0};
  process_admin_msg(&a);
  return arg;
}

int main(void) {
  pthread_t c1, c2, ad;
  pthread_create(&c1, 0, client_thread, 0);
  pthread_create(&c2, 0, client_thread, 0);
  pthread_create(&ad, 0, admin_thread, 0);
  pthread_join(c1, 0);
  pthread_join(c2, 0);
  pthread_join(ad, 0);
  return 0;
}
