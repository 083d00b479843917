// pack's info module (see unpack.c): it needs queues.c.
void dump_queue(void);

void init_info(void) { dump_queue(); }
