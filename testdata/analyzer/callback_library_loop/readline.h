// The two functions of GNU readline's callback interface the program uses, declared as
// <readline/readline.h> declares them (a system header: the library's code, not the
// program's), so the case needs no readline package to build.
#pragma GCC system_header
#ifndef CASE_READLINE_H
#define CASE_READLINE_H
typedef void rl_vcpfunc_t(char *);
extern void rl_callback_handler_install(const char *prompt, rl_vcpfunc_t *handler);
extern void rl_callback_read_char(void);
#endif
