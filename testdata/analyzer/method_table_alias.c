// Objects whose methods are function-pointer members filled from variables (strongswan's
// METHOD() macro: `static typeof(name) *_name = name;` beside each method, and `INIT(this,
// .public = { .lock = _lock, ... })` filling the object): a call through `mutex_t::lock` is
// the lock function stored in `_lock`, so `st.a->lock(st.a)` takes st.a. Before, the table was
// "filled with something unknown" and the locks were invisible: no inversion, and the counter
// updated under both locks was reported as an unlocked read-modify-write.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>
#include <stdbool.h>
#define METHOD(iface, name, ret, this, ...) \
	static ret name(union {iface *_public; this;} \
	__attribute__((transparent_union)), ##__VA_ARGS__); \
	static typeof(name) *_##name = (typeof(name)*)name; \
	static ret name(this, ##__VA_ARGS__)
#define INIT(this, ...) ({ (this) = malloc(sizeof(*(this))); \
						   *(this) = (typeof(*(this))){ __VA_ARGS__ }; (this); })
typedef struct mutex_t mutex_t;
struct mutex_t {
	void (*lock)(mutex_t *this);
	void (*unlock)(mutex_t *this);
};
typedef struct private_mutex_t { mutex_t public; pthread_mutex_t mutex; bool recursive; } private_mutex_t;
METHOD(mutex_t, lock, void, private_mutex_t *this) { pthread_mutex_lock(&this->mutex); }
METHOD(mutex_t, unlock, void, private_mutex_t *this) { pthread_mutex_unlock(&this->mutex); }
mutex_t *mutex_create(void) {
	private_mutex_t *this;
	INIT(this, .public = { .lock = _lock, .unlock = _unlock, });
	pthread_mutex_init(&this->mutex, NULL);
	return &this->public;
}
typedef struct { mutex_t *a; mutex_t *b; int n; } store_t;
static store_t st;
static void *t1(void *x) {
	st.a->lock(st.a);
	st.b->lock(st.b);  // EXPECT-STATIC: lock-order-inversion st.a => st.b => st.a
	st.n++;
	st.b->unlock(st.b);
	st.a->unlock(st.a);
	return x;
}
static void *t2(void *x) {
	st.b->lock(st.b);
	st.a->lock(st.a);
	st.n++;  // both locks held: no unlocked-rmw
	st.a->unlock(st.a);
	st.b->unlock(st.b);
	return x;
}
int main(void) {
	pthread_t x, y;
	st.a = mutex_create(); st.b = mutex_create();
	pthread_create(&x, NULL, t1, NULL); pthread_create(&y, NULL, t2, NULL);
	pthread_join(x, NULL); pthread_join(y, NULL);
	return 0;
}
