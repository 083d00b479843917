#include "chain.h"

void session_open(void) { api_begin(); }
void session_close(void) { api_end(); }
