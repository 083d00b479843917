// The classic AI's callbacks, stored into the server's AI table (ai_type::funcs) here and
// called through it by server.c.
#include "./ai.h"

static void classic_first_activities(int player) { units_moved += player; }

static void classic_end_turn(int player) { (void)player; }

void classic_setup(struct ai_type *ai) {
  ai->name = "classic";
  ai->funcs.first_activities = classic_first_activities;
  ai->funcs.end_turn = classic_end_turn;
}
