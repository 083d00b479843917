#include "chain.h"

void api_begin(void) { svc_begin(); }
void api_end(void) { svc_end(); }
