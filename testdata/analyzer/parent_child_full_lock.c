// Two objects of one class locked parent first, then child, each with a helper that takes both
// of its locks in one order (OBS 29's scenes: full_lock(scene) takes video_mutex, then
// audio_mutex; obs_scene_insert_group() and obs_sceneitem_group_remove_item() do
// `full_lock(scene); full_lock(sub_scene);`). By class, scene::audio_mutex => scene::video_mutex
// (the parent's audio, then the child's video) and scene::video_mutex => scene::audio_mutex
// (within one scene) make a cycle, but a thread leaves a scene only from the parent to its child:
// a deadlock needs a child locked before its parent somewhere, and no caller does that.
// Before, two lock-order-inversions on scene::audio_mutex / scene::video_mutex.
// Twin: source_detach() locks the child's video_mutex and then its parent's audio_mutex, and
// source_group_insert() the parent's audio, then the child's video: the two directions
// between two sources, a real inversion.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct scene {
  pthread_mutex_t video_mutex;
  pthread_mutex_t audio_mutex;
  struct scene *parent;
  struct scene *first_child;
  int items;
};

struct source {
  pthread_mutex_t video_mutex;
  pthread_mutex_t audio_mutex;
  struct source *parent;
  int items;
};

static void full_lock(struct scene *s) {
  pthread_mutex_lock(&s->video_mutex);
  pthread_mutex_lock(&s->audio_mutex);
}

static void full_unlock(struct scene *s) {
  pthread_mutex_unlock(&s->audio_mutex);
  pthread_mutex_unlock(&s->video_mutex);
}

void scene_insert_group(struct scene *scene, struct scene *group) {
  full_lock(scene);
  full_lock(group);
  group->parent = scene;
  scene->first_child = group;
  scene->items++;
  full_unlock(group);
  full_unlock(scene);
}

void scene_remove_group(struct scene *group) {
  struct scene *scene = group->parent;
  full_lock(scene);
  full_lock(group);
  scene->first_child = NULL;
  scene->items--;
  full_unlock(group);
  full_unlock(scene);
}

static void source_full_lock(struct source *s) {
  pthread_mutex_lock(&s->video_mutex);
  pthread_mutex_lock(&s->audio_mutex);
}

static void source_full_unlock(struct source *s) {
  pthread_mutex_unlock(&s->audio_mutex);
  pthread_mutex_unlock(&s->video_mutex);
}

void source_group_insert(struct source *parent, struct source *child) {
  source_full_lock(parent);
  pthread_mutex_lock(&child->video_mutex);  // EXPECT-STATIC: lock-order-inversion source::audio_mutex => source::video_mutex => source::audio_mutex
  child->parent = parent;
  parent->items++;
  pthread_mutex_unlock(&child->video_mutex);
  source_full_unlock(parent);
}

void source_detach(struct source *child, struct source *parent) {
  pthread_mutex_lock(&child->video_mutex);
  pthread_mutex_lock(&parent->audio_mutex);
  parent->items--;
  child->parent = NULL;
  pthread_mutex_unlock(&parent->audio_mutex);
  pthread_mutex_unlock(&child->video_mutex);
}

// Third: a function of two parameters (`node_pair_lock(a, b)`: a's video and audio, then b's
// video) whose callers pass the same two nodes both ways: one crossing function, but its order of
// instances is not fixed, so the class's cycle is reported (and the instance order too).
struct node {
  pthread_mutex_t video_mutex;
  pthread_mutex_t audio_mutex;
  int links;
};

static void node_pair_lock(struct node *a, struct node *b) {
  pthread_mutex_lock(&a->video_mutex);
  pthread_mutex_lock(&a->audio_mutex);  // EXPECT-STATIC: lock-order-inversion node::video_mutex => node::audio_mutex => node::video_mutex
  pthread_mutex_lock(&b->video_mutex);  // EXPECT-STATIC: instance-order-inversion node::video_mutex
  a->links++;
  b->links++;
  pthread_mutex_unlock(&b->video_mutex);
  pthread_mutex_unlock(&a->audio_mutex);
  pthread_mutex_unlock(&a->video_mutex);
}

static struct node left = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0};
static struct node right = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0};

static struct scene root = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL, NULL, 0};
static struct scene group = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL, NULL, 0};
static struct source src_root = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL, 0};
static struct source src_child = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL, 0};

static void *editor(void *arg) {
  for (int i = 0; i < 100; i++) {
    scene_insert_group(&root, &group);
    scene_remove_group(&group);
    source_group_insert(&src_root, &src_child);
    node_pair_lock(&left, &right);
  }
  return arg;
}

static void *renderer(void *arg) {
  for (int i = 0; i < 100; i++) {
    scene_remove_group(&group);
    source_detach(&src_child, &src_root);
    node_pair_lock(&right, &left);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, editor, NULL);
  pthread_create(&b, NULL, renderer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
