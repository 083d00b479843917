// The NSPR functions the case uses, declared as <nspr/prlock.h>, <nspr/prmon.h> and
// <nspr/prcmon.h> declare them (a system header: the library's code), so the case needs no
// libnspr4-dev to build.
#pragma GCC system_header
#ifndef CASE_PRMON_H
#define CASE_PRMON_H
#include <stdint.h>
typedef struct PRLock PRLock;
typedef struct PRMonitor PRMonitor;
typedef uint32_t PRIntervalTime;
typedef int PRStatus;
#define PR_INTERVAL_NO_TIMEOUT 0xffffffffUL
extern PRLock *PR_NewLock(void);
extern void PR_Lock(PRLock *lock);
extern PRStatus PR_Unlock(PRLock *lock);
extern PRMonitor *PR_NewMonitor(void);
extern void PR_EnterMonitor(PRMonitor *mon);
extern PRStatus PR_ExitMonitor(PRMonitor *mon);
extern PRStatus PR_Wait(PRMonitor *mon, PRIntervalTime ticks);
extern PRStatus PR_Notify(PRMonitor *mon);
extern PRStatus PR_CEnterMonitor(void *address);
extern PRStatus PR_CExitMonitor(void *address);
#endif
