// A callee that locks only `if (flag)`, called by a caller that holds the lock and asks it not
// to (openldap): a constant (`dobind(op, 0, 0)`, `send_request(ld, 0, 0)` whose
// CONN_LOCK_IF(m_noconn) macro hides the `if`), a flag bit (`free_syncop(so, FS_UNLINK)`
// against `if (flags & FS_LOCK)`), or its own flag that it tested the other way when it took
// the lock (`if (!dolock) lock(&mi->mu); bind_result(op, dolock);`). The other ways the
// callee has to the same lock, under other conditions or none, still count: dobind() also
// takes it through op_result() on a bind timeout whatever dolock says (a self-deadlock of
// retry_bind()), and the calls that pass the locking value while holding the lock are
// self-deadlocks.
// STATIC-RUN:
#include <pthread.h>

#define RETRY_NEVER 0
#define BINDING 0x10
#define FS_UNLINK 1
#define FS_LOCK 2

struct info {
  pthread_mutex_t mu;
  int refcnt, timeout;
};

struct op {
  struct info *be;
};

extern int do_io(struct op *op);

// back-ldap: ldap_back_op_result() drops a connection that timed out while binding
static int op_result(struct op *op, int sendok) {
  struct info *li = op->be;
  if (li->timeout && do_io(op) == 0) {
    if (sendok & BINDING) {
      pthread_mutex_lock(&li->mu);  // EXPECT-STATIC: self-deadlock
      li->refcnt = 0;
      pthread_mutex_unlock(&li->mu);
    }
    return -1;
  }
  return 0;
}

// back-ldap: ldap_back_dobind_int(), "dolock indicates whether lai_mutex must be locked"
static int dobind(struct op *op, int sendok, int retries, int dolock) {
  struct info *li = op->be;
  int rc;
retry:
  rc = do_io(op);
  if (rc == 1) {
    if (retries != RETRY_NEVER) {
      if (dolock)
        pthread_mutex_lock(&li->mu);
      li->refcnt++;
      if (dolock)
        pthread_mutex_unlock(&li->mu);
      if (retries > 0)
        retries--;
      goto retry;
    }
  }
  if (rc == 2) {
    if (dolock)
      pthread_mutex_lock(&li->mu);
    li->refcnt--;
    if (dolock)
      pthread_mutex_unlock(&li->mu);
  }
  return op_result(op, sendok | BINDING);
}

static int retry_bind(struct op *op, int sendok) {
  struct info *li = op->be;
  pthread_mutex_lock(&li->mu);
  int rc = dobind(op, sendok, 0, 0);  // EXPECT-STATIC: self-deadlock
  pthread_mutex_unlock(&li->mu);
  return rc;
}

// libldap: ldap_send_server_request(..., m_noconn, m_res)
struct ldap {
  pthread_mutex_t conn, res;
  int nreq;
};

#define CONN_LOCK_IF(nolock) \
  { if (nolock) pthread_mutex_lock(&ld->conn); }
#define CONN_UNLOCK_IF(nolock) \
  { if (nolock) pthread_mutex_unlock(&ld->conn); }

static void new_connection(struct ldap *ld, int m_res) {
  if (m_res) {
    pthread_mutex_lock(&ld->conn);
    ld->nreq = 0;
    pthread_mutex_unlock(&ld->conn);
  }
}

static int send_request(struct ldap *ld, int m_noconn, int m_res) {
  CONN_LOCK_IF(m_noconn);
  ld->nreq++;
  CONN_UNLOCK_IF(m_noconn);
  new_connection(ld, m_res);
  return 0;
}

static int send_initial_request(struct ldap *ld) {
  pthread_mutex_lock(&ld->conn);
  int rc = send_request(ld, 0, 0);
  pthread_mutex_unlock(&ld->conn);
  return rc;
}

static int send_locked_request(struct ldap *ld) {
  pthread_mutex_lock(&ld->conn);
  int rc = send_request(ld, 0, 1);  // EXPECT-STATIC: self-deadlock
  pthread_mutex_unlock(&ld->conn);
  return rc;
}

// syncprov: syncprov_free_syncop(so, flags)
struct syncop {
  pthread_mutex_t s_mutex;
  int inuse;
};

static int free_syncop(struct syncop *so, int flags) {
  if (flags & FS_LOCK)
    pthread_mutex_lock(&so->s_mutex);
  if (--so->inuse > 0) {
    if (flags & FS_LOCK)
      pthread_mutex_unlock(&so->s_mutex);
    return 0;
  }
  pthread_mutex_unlock(&so->s_mutex);
  return 1;
}

static void qtask(struct syncop *so) {
  pthread_mutex_lock(&so->s_mutex);  // qplay() returns with it held
  if (!free_syncop(so, FS_UNLINK))
    pthread_mutex_unlock(&so->s_mutex);
}

static void drop(struct syncop *so) {
  free_syncop(so, FS_LOCK | FS_UNLINK);
}

static void drop_locked(struct syncop *so) {
  pthread_mutex_lock(&so->s_mutex);
  free_syncop(so, FS_LOCK);  // EXPECT-STATIC: self-deadlock
}

// back-meta: meta_back_single_dobind(op, dolock), entered holding mu when dolock is 0
static int bind_result(struct op *op, int dolock) {
  struct info *mi = op->be;
  if (dolock)
    pthread_mutex_lock(&mi->mu);
  mi->refcnt--;
  if (dolock)
    pthread_mutex_unlock(&mi->mu);
  return 0;
}

static int single_dobind(struct op *op, int dolock) {
  struct info *mi = op->be;
  if (!dolock)
    pthread_mutex_unlock(&mi->mu);
  do_io(op);
  if (!dolock)
    pthread_mutex_lock(&mi->mu);
  return bind_result(op, dolock);
}

static struct info the_info = {PTHREAD_MUTEX_INITIALIZER, 0, 5};
static struct op the_op = {&the_info};
static struct ldap the_ld = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0};
static struct syncop the_so = {PTHREAD_MUTEX_INITIALIZER, 2};

static void *worker(void *arg) {
  retry_bind(&the_op, 0);
  dobind(&the_op, 0, 1, 1);
  send_initial_request(&the_ld);
  send_request(&the_ld, 1, 1);
  send_locked_request(&the_ld);
  qtask(&the_so);
  drop(&the_so);
  drop_locked(&the_so);
  single_dobind(&the_op, 1);
  pthread_mutex_lock(&the_info.mu);
  single_dobind(&the_op, 0);
  pthread_mutex_unlock(&the_info.mu);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
