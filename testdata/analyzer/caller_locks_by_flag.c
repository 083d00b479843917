// Locks the caller holds only when it says so: libldap's ldap_new_connection(ld, ..., m_req,
// m_res) is called with conn_mutex held, and with req_mutex and res_mutex held when m_req and
// m_res are set. Around each callback it drops what it holds and takes it back in the one
// order res => conn => req (LDAP_REQ_UNLOCK_IF(m_req) ... LDAP_REQ_LOCK_IF(m_req)); where
// m_req is 0, req is not held at all, so no res or conn acquisition is made under it.
// back-meta's meta_back_single_dobind(op, dolock) is entered holding the lock when dolock is
// 0 and re-takes it `if (dolock)` only on the other path: no self-deadlock. A caller that
// takes req before res and conn (bad_order) makes the one inversion.
// STATIC-RUN:
#include <pthread.h>

struct ldap {
  pthread_mutex_t req, res, conn;
  int refcnt, rebinding, tls, sasl, async, nconns;
};

#define REQ_LOCK_IF(m) \
  { if (m) pthread_mutex_lock(&ld->req); }
#define REQ_UNLOCK_IF(m) \
  { if (m) pthread_mutex_unlock(&ld->req); }
#define RES_LOCK_IF(m) \
  { if (m) pthread_mutex_lock(&ld->res); }
#define RES_UNLOCK_IF(m) \
  { if (m) pthread_mutex_unlock(&ld->res); }

extern int start_tls(struct ldap *ld);
extern int rebind_proc(struct ldap *ld);

static int new_connection(struct ldap *ld, int use_tls, int m_req, int m_res) {
  int err = 0;
  ++ld->refcnt;
  if (use_tls) {
    REQ_UNLOCK_IF(m_req);
    pthread_mutex_unlock(&ld->conn);
    RES_UNLOCK_IF(m_res);
    err = start_tls(ld);
    RES_LOCK_IF(m_res);
    pthread_mutex_lock(&ld->conn);
    REQ_LOCK_IF(m_req);
    if (err != 0)
      return err;
  }
  ld->rebinding = 1;
  if (ld->tls)
    ld->nconns++;
  if (ld->sasl)
    ld->nconns++;
  if (ld->async)
    ld->nconns++;
  if (ld->refcnt > 1) {
    REQ_UNLOCK_IF(m_req);
    pthread_mutex_unlock(&ld->conn);
    RES_UNLOCK_IF(m_res);
    err = rebind_proc(ld);
    RES_LOCK_IF(m_res);
    pthread_mutex_lock(&ld->conn);
    REQ_LOCK_IF(m_req);
  }
  --ld->refcnt;
  return err;
}

struct info {
  pthread_mutex_t mu;
  int pending, anon, quarantine, tainted, retries, cred;
};

extern int do_bind(struct info *mi);

static int single_dobind(struct info *mi, int dolock) {  // !dolock: the caller holds mi->mu
  int rc;
  if (!dolock)
    pthread_mutex_unlock(&mi->mu);
  rc = do_bind(mi);
  if (!dolock)
    pthread_mutex_lock(&mi->mu);
  if (mi->anon)
    mi->cred = 0;
  if (mi->quarantine)
    mi->retries = 0;
  if (mi->tainted)
    mi->pending++;
  if (mi->retries)
    mi->cred++;
  if (rc != 0) {
    if (dolock)
      pthread_mutex_lock(&mi->mu);
    mi->pending = 0;
    if (dolock)
      pthread_mutex_unlock(&mi->mu);
  }
  return rc;
}

static struct ldap the_ld = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0, 0, 0};
static struct info the_info = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0, 0, 0};

static void *request(void *arg) {
  struct ldap *ld = &the_ld;
  pthread_mutex_lock(&ld->res);
  pthread_mutex_lock(&ld->conn);
  pthread_mutex_lock(&ld->req);
  new_connection(ld, 1, 1, 1);
  pthread_mutex_unlock(&ld->req);
  pthread_mutex_unlock(&ld->conn);
  pthread_mutex_unlock(&ld->res);
  pthread_mutex_lock(&ld->conn);
  new_connection(ld, 0, 0, 0);
  pthread_mutex_unlock(&ld->conn);
  pthread_mutex_lock(&ld->conn);
  pthread_mutex_lock(&ld->req);
  new_connection(ld, 1, 1, 0);
  pthread_mutex_unlock(&ld->req);
  pthread_mutex_unlock(&ld->conn);
  return arg;
}

static void *binder(void *arg) {
  single_dobind(&the_info, 1);
  pthread_mutex_lock(&the_info.mu);
  single_dobind(&the_info, 0);
  pthread_mutex_unlock(&the_info.mu);
  return arg;
}

static void *bad_order(void *arg) {
  struct ldap *ld = &the_ld;
  pthread_mutex_lock(&ld->req);  // EXPECT-STATIC: lock-order-inversion the_ld.res => the_ld.conn => the_ld.req => the_ld.res
  pthread_mutex_lock(&ld->res);  // EXPECT-STATIC: lock-order-inversion the_ld.res => the_ld.req => the_ld.res
  pthread_mutex_unlock(&ld->res);
  pthread_mutex_unlock(&ld->req);
  return arg;
}

int main(void) {
  pthread_t a, b, c, d;
  pthread_create(&a, 0, request, 0);
  pthread_create(&b, 0, request, 0);
  pthread_create(&c, 0, binder, 0);
  pthread_create(&d, 0, bad_order, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  pthread_join(d, 0);
  return 0;
}
