int cache_add(void);
int cache_size(void);
void log_line(void);
void stats_count(void);
