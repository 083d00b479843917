// freeciv 3.0's common/ai.h: the AI callbacks live in an unnamed struct member of
// `struct ai_type` (`ai->funcs.first_activities`), a type each TU names by the path it
// included the header by (classic.c includes it as "./ai.h").
#ifndef CASE_AI_H
#define CASE_AI_H
struct ai_type {
  const char *name;
  struct {
    void (*first_activities)(int player);
    void (*end_turn)(int player);
  } funcs;
};

extern int units_moved, upsets, tallies;
void classic_setup(struct ai_type *ai);
void update_upset(int amount, void (*func)(int effect));
#endif
