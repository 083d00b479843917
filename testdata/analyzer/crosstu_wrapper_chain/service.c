#include "chain.h"

void svc_begin(void) { db_enter(); }
void svc_end(void) { db_leave(); }
