/* lockbench: lock-heavy micro benchmarks for lockgraph (bench/run.sh).
 *
 * Usage: lockbench MODE [-n ITERS] [-l LOCKS] [-w WARMUP] [-t LABEL]
 *
 * MODE
 *   uncontended   1 thread, lock/unlock one mutex ITERS times
 *   uncontended2  2 threads, each lock/unlock its own mutex ITERS times
 *   nest          2 threads, both: lock A, lock B, unlock B, unlock A (shared
 *                 A and B), ITERS times each. 2 lock+unlock ops per iteration.
 *   nest-private  as nest, but each thread has its own pair (A_t, B_t), so the
 *                 nesting cost is measured without contention.
 *   contended     2 threads on one mutex, ITERS lock/unlock each
 *   many          LOCKS distinct mutexes (default 100000), lock/unlock each in
 *                 turn; ITERS rounds. LOCKS ops per round.
 *   deep          LOCKS (default 300) mutexes taken in order, then released in
 *                 reverse order; ITERS rounds. LOCKS ops per round.
 *
 * Every thread first runs WARMUP iterations/rounds (default: ITERS/20, at
 * least 1 round for many/deep) so that the measured part is steady state
 * (locks already known to the tool, lock-order edges already recorded).
 *
 * The measured time is wall clock (CLOCK_MONOTONIC) from the first thread
 * leaving the start barrier to the last thread finishing. The figure printed
 * is ns per lock+unlock pair *per thread*:
 *     ns_per_op = elapsed_ns / (lock+unlock pairs done by one thread)
 * so a perfectly parallel 2-thread run shows the same ns/op as 1 thread.
 * Every critical section increments a counter; the total is checked at the
 * end, so a tool that breaks mutual exclusion makes the run fail (exit 3).
 *
 * Output: one line
 *   RESULT mode=M threads=T iters=N locks=L ops_per_thread=P elapsed_ns=E ns_per_op=X
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXT 2

typedef struct {
    pthread_mutex_t m;
} __attribute__((aligned(64))) padded_mutex; /* one lock per cache line */

enum mode { M_UNC, M_UNC2, M_NEST, M_NESTP, M_CONT, M_MANY, M_DEEP };

static enum mode g_mode;
static long g_iters;
static long g_locks;
static long g_warm;
static int g_nthreads;

static padded_mutex g_pm[2 * MAXT]; /* small-mode locks */
static pthread_mutex_t *g_arr;      /* many / deep locks */
static volatile long g_counter[MAXT * 8] __attribute__((aligned(64)));
static volatile long g_shared_counter __attribute__((aligned(64)));
static pthread_barrier_t g_bar;

struct tres {
    int id;
    struct timespec t0, t1;
};

static inline uint64_t ts_ns(const struct timespec *t) {
    return (uint64_t)t->tv_sec * 1000000000ull + (uint64_t)t->tv_nsec;
}

static void die(const char *what, int err) {
    fprintf(stderr, "lockbench: %s: %s\n", what, strerror(err));
    exit(2);
}

#define LOCK(m) do { int e_ = pthread_mutex_lock(m); if (e_) die("pthread_mutex_lock", e_); } while (0)
#define UNLOCK(m) do { int e_ = pthread_mutex_unlock(m); if (e_) die("pthread_mutex_unlock", e_); } while (0)

/* Runs n iterations (or rounds) of the workload for thread id. */
static void work(int id, long n) {
    long i, j;
    switch (g_mode) {
    case M_UNC:
    case M_UNC2: {
        pthread_mutex_t *m = &g_pm[id].m;
        for (i = 0; i < n; i++) {
            LOCK(m);
            g_counter[id * 8]++;
            UNLOCK(m);
        }
        break;
    }
    case M_CONT: {
        pthread_mutex_t *m = &g_pm[0].m;
        for (i = 0; i < n; i++) {
            LOCK(m);
            g_shared_counter++;
            UNLOCK(m);
        }
        break;
    }
    case M_NEST:
    case M_NESTP: {
        pthread_mutex_t *a = &g_pm[g_mode == M_NEST ? 0 : 2 * id].m;
        pthread_mutex_t *b = &g_pm[g_mode == M_NEST ? 1 : 2 * id + 1].m;
        for (i = 0; i < n; i++) {
            LOCK(a);
            LOCK(b);
            if (g_mode == M_NEST)
                g_shared_counter++;
            else
                g_counter[id * 8]++;
            UNLOCK(b);
            UNLOCK(a);
        }
        break;
    }
    case M_MANY:
        for (i = 0; i < n; i++)
            for (j = 0; j < g_locks; j++) {
                LOCK(&g_arr[j]);
                g_counter[0]++;
                UNLOCK(&g_arr[j]);
            }
        break;
    case M_DEEP:
        for (i = 0; i < n; i++) {
            for (j = 0; j < g_locks; j++)
                LOCK(&g_arr[j]);
            g_counter[0] += g_locks;
            for (j = g_locks - 1; j >= 0; j--)
                UNLOCK(&g_arr[j]);
        }
        break;
    }
}

static void *thread_main(void *arg) {
    struct tres *r = arg;
    if (g_warm > 0)
        work(r->id, g_warm);
    pthread_barrier_wait(&g_bar);
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    work(r->id, g_iters);
    clock_gettime(CLOCK_MONOTONIC, &r->t1);
    return NULL;
}

__attribute__((noreturn)) static void usage(void) {
    fprintf(stderr,
            "usage: lockbench uncontended|uncontended2|nest|nest-private|contended|many|deep\n"
            "                 [-n ITERS] [-l LOCKS] [-w WARMUP]\n");
    exit(1);
}

int main(int argc, char **argv) {
    long defaults_iters;
    const char *mname;
    int opt, i;
    long l;

    if (argc < 2)
        usage();
    mname = argv[1];
    if (!strcmp(mname, "uncontended")) { g_mode = M_UNC; g_nthreads = 1; defaults_iters = 50000000; }
    else if (!strcmp(mname, "uncontended2")) { g_mode = M_UNC2; g_nthreads = 2; defaults_iters = 50000000; }
    else if (!strcmp(mname, "nest")) { g_mode = M_NEST; g_nthreads = 2; defaults_iters = 5000000; }
    else if (!strcmp(mname, "nest-private")) { g_mode = M_NESTP; g_nthreads = 2; defaults_iters = 20000000; }
    else if (!strcmp(mname, "contended")) { g_mode = M_CONT; g_nthreads = 2; defaults_iters = 6000000; }
    else if (!strcmp(mname, "many")) { g_mode = M_MANY; g_nthreads = 1; g_locks = 100000; defaults_iters = 400; }
    else if (!strcmp(mname, "deep")) { g_mode = M_DEEP; g_nthreads = 1; g_locks = 300; defaults_iters = 150000; }
    else usage();

    g_iters = defaults_iters;
    g_warm = -1;
    optind = 2;
    while ((opt = getopt(argc, argv, "n:l:w:")) != -1) {
        switch (opt) {
        case 'n': g_iters = atol(optarg); break;
        case 'l': g_locks = atol(optarg); break;
        case 'w': g_warm = atol(optarg); break;
        default: usage();
        }
    }
    if (g_iters <= 0 || ((g_mode == M_MANY || g_mode == M_DEEP) && g_locks <= 0))
        usage();
    if (g_warm < 0) {
        g_warm = g_iters / 20;
        if ((g_mode == M_MANY || g_mode == M_DEEP) && g_warm < 1)
            g_warm = 1;
    }

    for (i = 0; i < 2 * MAXT; i++)
        pthread_mutex_init(&g_pm[i].m, NULL);
    if (g_mode == M_MANY || g_mode == M_DEEP) {
        g_arr = malloc(sizeof(pthread_mutex_t) * (size_t)g_locks);
        if (!g_arr)
            die("malloc", ENOMEM);
        for (l = 0; l < g_locks; l++)
            pthread_mutex_init(&g_arr[l], NULL);
    }

    struct tres res[MAXT];
    pthread_t th[MAXT];
    pthread_barrier_init(&g_bar, NULL, (unsigned)g_nthreads);
    for (i = 0; i < g_nthreads; i++) {
        res[i].id = i;
        if (g_nthreads == 1) {
            thread_main(&res[i]);
        } else {
            int e = pthread_create(&th[i], NULL, thread_main, &res[i]);
            if (e)
                die("pthread_create", e);
        }
    }
    if (g_nthreads > 1)
        for (i = 0; i < g_nthreads; i++)
            pthread_join(th[i], NULL);

    uint64_t t0 = ts_ns(&res[0].t0), t1 = ts_ns(&res[0].t1);
    for (i = 1; i < g_nthreads; i++) {
        if (ts_ns(&res[i].t0) < t0) t0 = ts_ns(&res[i].t0);
        if (ts_ns(&res[i].t1) > t1) t1 = ts_ns(&res[i].t1);
    }

    /* Check that every critical section really ran under its lock. */
    long per_thread_iters = g_warm + g_iters;
    long expect, got;
    switch (g_mode) {
    case M_CONT:
    case M_NEST:
        expect = per_thread_iters * g_nthreads;
        got = g_shared_counter;
        break;
    case M_MANY:
    case M_DEEP:
        expect = per_thread_iters * g_locks;
        got = g_counter[0];
        break;
    default:
        expect = per_thread_iters * g_nthreads;
        got = 0;
        for (i = 0; i < g_nthreads; i++)
            got += g_counter[i * 8];
        break;
    }
    if (got != expect) {
        fprintf(stderr, "lockbench: counter mismatch: expected %ld, got %ld (mutual exclusion broken?)\n",
                expect, got);
        return 3;
    }

    long ops_per_thread;
    switch (g_mode) {
    case M_NEST:
    case M_NESTP: ops_per_thread = 2 * g_iters; break;
    case M_MANY:
    case M_DEEP: ops_per_thread = g_iters * g_locks; break;
    default: ops_per_thread = g_iters; break;
    }
    uint64_t el = t1 - t0;
    printf("RESULT mode=%s threads=%d iters=%ld locks=%ld ops_per_thread=%ld elapsed_ns=%llu ns_per_op=%.3f\n",
           mname, g_nthreads, g_iters, (g_mode == M_MANY || g_mode == M_DEEP) ? g_locks : 0L,
           ops_per_thread, (unsigned long long)el, (double)el / (double)ops_per_thread);

    if (g_arr) {
        for (l = 0; l < g_locks; l++)
            pthread_mutex_destroy(&g_arr[l]);
        free(g_arr);
    }
    return 0;
}
