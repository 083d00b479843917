// A reference declared in a loop body names another object on each pass (tango's
// Device_3Impl::read_attributes_no_except(): `Attribute &att = dev_attr->get_attr_by_ind(idx);`,
// the attribute's mutex taken as `att.get_attr_mutex()` when `att.get_attr_serial_model()` says
// so, and given back through `(atsm == ATTR_BY_KERNEL) ? att.get_attr_mutex() :
// att.get_user_attr_mutex()`). Where the analysis cannot match the release to the acquisition
// (two calls of a getter are not one value), the lock of this pass's attribute stayed held into
// the next pass, and taking the next attribute's mutex looked like taking it again: a false
// self-deadlock. As a pointer declared again, a reference declared again leaves the locks held
// through it as locks of an object no name reaches. The twin (relock) takes one pipe's
// mutex twice in one pass (another class, so its finding is its own): a real self-deadlock, reported.
// STATIC-RUN:
#include <pthread.h>

#include <thread>
#include <vector>

class omni_mutex {
 public:
  omni_mutex() { pthread_mutex_init(&posix_mutex, nullptr); }
  void lock() { pthread_mutex_lock(&posix_mutex); }
  void unlock() { pthread_mutex_unlock(&posix_mutex); }

 private:
  pthread_mutex_t posix_mutex;
};

struct AttrExt {
  omni_mutex attr_mutex;
  omni_mutex *user_mutex = nullptr;
};

struct Attribute {
  AttrExt *ext = new AttrExt;
  long value = 0;
  int model = 0;
  int get_model() const { return model; }
  omni_mutex *get_attr_mutex() { return &(ext->attr_mutex); }
  omni_mutex *get_user_mutex() { return ext->user_mutex; }
};

struct Pipe {  // the twin's: another class, so its finding is its own
  AttrExt *ext = new AttrExt;
  long value = 0;
  omni_mutex *get_pipe_mutex() { return &(ext->attr_mutex); }
};

struct Device {
  std::vector<Attribute *> attrs;
  std::vector<Pipe *> pipes;
  Attribute &get_attr_by_ind(int i) { return *attrs[i]; }
  Pipe &get_pipe_by_ind(int i) { return *pipes[i]; }
};

static void read_attributes(Device *d, int n) {
  for (int i = 0; i < n; i++) {
    Attribute &att = d->get_attr_by_ind(i);
    if (att.get_model() == 1)
      att.get_attr_mutex()->lock();
    att.value++;
    int m = att.get_model();
    if (m != 0) {
      omni_mutex *attr_mut = (m == 1) ? att.get_attr_mutex() : att.get_user_mutex();
      attr_mut->unlock();
    }
  }
}

static void relock(Device *d, int n) {
  for (int i = 0; i < n; i++) {
    Pipe &pipe = d->get_pipe_by_ind(i);
    pipe.get_pipe_mutex()->lock();
    pipe.value++;
    pipe.get_pipe_mutex()->lock();  // EXPECT-STATIC: self-deadlock
    pipe.get_pipe_mutex()->unlock();
    pipe.get_pipe_mutex()->unlock();
  }
}

int main() {
  Device d;
  d.attrs.push_back(new Attribute);
  d.pipes.push_back(new Pipe);
  std::thread a([&] { read_attributes(&d, 1); });
  std::thread b([&] { read_attributes(&d, 1); });
  std::thread c([&] { relock(&d, 1); });
  a.join();
  b.join();
  c.join();
  return 0;
}
