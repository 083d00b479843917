// A lock reached through a getter method is the lock of the object the getter is called on
// (tango: `omni_mutex *attr_mut = att.get_attr_mutex(); attr_mut->trylock() ... lock()`, the
// getter `return &(ext->attr_mutex);`). The method's result had no name, so the mutex became
// omniORB's `omni_mutex::posix_mutex` of an unknown instance, and an unknown instance of a class
// may be any of its globals: its edges were copied onto the one static `omni_mutex`,
// `ApiUtil::inst_mutex`, held only around the lazy `new ApiUtil()`, and closed a false cycle
// with the database's real `map_mutex => inst_mutex` (tango's six false inversions). Now the
// getter's summary names its object's field, and the call names it through the caller's object:
// `Attribute::ext.attr_mutex`. The twin below is real: the attribute's mutex taken through the
// getter under the map mutex, and the map mutex under the attribute's mutex.
// STATIC-RUN:
#include <pthread.h>

class omni_mutex {
 public:
  omni_mutex() { pthread_mutex_init(&posix_mutex, nullptr); }
  ~omni_mutex() { pthread_mutex_destroy(&posix_mutex); }
  void lock() { pthread_mutex_lock(&posix_mutex); }
  void unlock() { pthread_mutex_unlock(&posix_mutex); }
  int trylock() { return !pthread_mutex_trylock(&posix_mutex); }

 private:
  pthread_mutex_t posix_mutex;
};

class omni_mutex_lock {
 public:
  explicit omni_mutex_lock(omni_mutex &m) : mutex(m) { mutex.lock(); }
  ~omni_mutex_lock() { mutex.unlock(); }

 private:
  omni_mutex &mutex;
};

class ApiUtil {
 public:
  static ApiUtil *instance();
  int get_db_ind() {
    omni_mutex_lock lo(the_mutex);
    return ++ndb;
  }

 private:
  static omni_mutex inst_mutex;  // the one global omni_mutex
  static ApiUtil *instance_;
  omni_mutex the_mutex;
  int ndb = 0;
};
omni_mutex ApiUtil::inst_mutex;
ApiUtil *ApiUtil::instance_ = nullptr;

ApiUtil *ApiUtil::instance() {
  omni_mutex_lock lo(inst_mutex);  // only around the lazy creation
  if (instance_ == nullptr)
    instance_ = new ApiUtil();
  return instance_;
}

struct AttrExt {
  omni_mutex attr_mutex;
};

class Attribute {
 public:
  Attribute() : ext(new AttrExt) {}
  omni_mutex *get_attr_mutex() { return &(ext->attr_mutex); }
  int value = 0;

 private:
  AttrExt *ext;
};

class Database {
 public:
  int get_class_for_device() {
    omni_mutex_lock guard(map_mutex);
    return ++cache + ApiUtil::instance()->get_db_ind();  // map_mutex => inst_mutex
  }
  void refresh(Attribute &a) {
    omni_mutex_lock guard(map_mutex);
    omni_mutex *m = a.get_attr_mutex();
    m->lock();  // EXPECT-STATIC: lock-order-inversion db.map_mutex => Attribute::ext.attr_mutex => db.map_mutex
    a.value = cache;
    m->unlock();
  }

 private:
  omni_mutex map_mutex;
  int cache = 0;
};

static Database db;
static Attribute att;

// Device_3Impl::read_attributes_no_except(): the attribute's mutex through the getter, then
// the user's read method reaches the database
static void read_attribute(Attribute &a) {
  omni_mutex *attr_mut = a.get_attr_mutex();
  if (attr_mut->trylock() == 0)
    attr_mut->lock();
  a.value = db.get_class_for_device();  // attr_mutex => map_mutex => inst_mutex
  attr_mut->unlock();
}

static void *server_thread(void *) {
  read_attribute(att);
  return nullptr;
}

static void *client_thread(void *) {
  db.get_class_for_device();
  return nullptr;
}

static void *refresh_thread(void *) {
  db.refresh(att);
  return nullptr;
}

int main() {
  pthread_t t[3];
  pthread_create(&t[0], nullptr, server_thread, nullptr);
  pthread_create(&t[1], nullptr, client_thread, nullptr);
  pthread_create(&t[2], nullptr, refresh_thread, nullptr);
  for (pthread_t &x : t)
    pthread_join(x, nullptr);
  return att.value;
}
