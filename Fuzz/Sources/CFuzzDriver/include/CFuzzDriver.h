#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (linked in by -sanitize=fuzzer): parses the fuzzer's options from argc/argv and runs
   `callback` on each input. Declared here because libFuzzer ships no header for it. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
